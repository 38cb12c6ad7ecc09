CREATE TABLE "user_photos" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"hash" varchar(64) NOT NULL,
	"data" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_photos_hash_hex" CHECK ("user_photos"."hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "user_photos_data_size" CHECK (octet_length("user_photos"."data") between 1 and 1048576)
);
--> statement-breakpoint
ALTER TABLE "user_photos" ADD CONSTRAINT "user_photos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;