CREATE TABLE "icebreakers" (
	"id" serial PRIMARY KEY NOT NULL,
	"hobby_id" integer,
	"question" varchar(300) NOT NULL,
	CONSTRAINT "icebreakers_question_not_blank" CHECK (btrim("icebreakers"."question") <> '')
);
--> statement-breakpoint
ALTER TABLE "icebreakers" ADD CONSTRAINT "icebreakers_hobby_id_hobbies_id_fk" FOREIGN KEY ("hobby_id") REFERENCES "public"."hobbies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "icebreakers_hobby_question_unique" ON "icebreakers" USING btree (coalesce("hobby_id", 0),"question");--> statement-breakpoint
CREATE INDEX "icebreakers_hobby_idx" ON "icebreakers" USING btree ("hobby_id");