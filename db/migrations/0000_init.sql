CREATE TABLE "hobbies" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	CONSTRAINT "hobbies_name_not_blank" CHECK (btrim("hobbies"."name") <> '')
);
--> statement-breakpoint
CREATE TABLE "match_group_members" (
	"group_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "match_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id"),
	CONSTRAINT "match_group_members_round_user" UNIQUE("round_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "match_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	CONSTRAINT "match_groups_id_round" UNIQUE("id","round_id")
);
--> statement-breakpoint
CREATE TABLE "match_pair_hobbies" (
	"pair_id" integer NOT NULL,
	"hobby_id" integer NOT NULL,
	CONSTRAINT "match_pair_hobbies_pair_id_hobby_id_pk" PRIMARY KEY("pair_id","hobby_id")
);
--> statement-breakpoint
CREATE TABLE "match_pairs" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"user_low_id" integer NOT NULL,
	"user_high_id" integer NOT NULL,
	CONSTRAINT "match_pairs_group_users" UNIQUE("group_id","user_low_id","user_high_id"),
	CONSTRAINT "match_pairs_ordered" CHECK ("match_pairs"."user_low_id" < "match_pairs"."user_high_id")
);
--> statement-breakpoint
CREATE TABLE "match_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"seed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_rounds_slot_unique" UNIQUE("slot")
);
--> statement-breakpoint
CREATE TABLE "legacy_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"key_hash" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legacy_keys_key_hash_unique" UNIQUE("key_hash"),
	CONSTRAINT "legacy_keys_hash_hex" CHECK ("legacy_keys"."key_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limits_hits_positive" CHECK ("rate_limits"."hits" > 0)
);
--> statement-breakpoint
CREATE TABLE "refresh_token_families" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" varchar(32),
	CONSTRAINT "refresh_token_families_reason" CHECK (("refresh_token_families"."revoked_at" is null) = ("refresh_token_families"."revoke_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"jti" varchar(32) PRIMARY KEY NOT NULL,
	"family_id" uuid NOT NULL,
	"user_id" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"successor_jti" varchar(32),
	CONSTRAINT "refresh_tokens_jti_hex" CHECK ("refresh_tokens"."jti" ~ '^[0-9a-f]{32}$'),
	CONSTRAINT "refresh_tokens_rotation" CHECK (("refresh_tokens"."rotated_at" is null) = ("refresh_tokens"."successor_jti" is null)),
	CONSTRAINT "refresh_tokens_lifetime" CHECK ("refresh_tokens"."expires_at" > "refresh_tokens"."issued_at")
);
--> statement-breakpoint
CREATE TABLE "user_hobbies" (
	"user_id" integer NOT NULL,
	"hobby_id" integer NOT NULL,
	CONSTRAINT "user_hobbies_user_id_hobby_id_pk" PRIMARY KEY("user_id","hobby_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(254),
	"password_hash" text,
	"first_name" varchar(150) DEFAULT '' NOT NULL,
	"last_name" varchar(150) DEFAULT '' NOT NULL,
	"birth" date,
	"declared_age" integer,
	"tg_link" varchar(255),
	"chat_id" varchar(32),
	"image" varchar(500),
	"is_active" boolean DEFAULT true NOT NULL,
	"is_staff" boolean DEFAULT false NOT NULL,
	"is_active_pair" boolean DEFAULT true NOT NULL,
	"last_login" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_declared_age_range" CHECK ("users"."declared_age" is null or "users"."declared_age" between 0 and 150),
	CONSTRAINT "users_chat_id_numeric" CHECK ("users"."chat_id" is null or "users"."chat_id" ~ '^-?[0-9]{1,20}$'),
	CONSTRAINT "users_email_has_at" CHECK ("users"."email" is null or position('@' in "users"."email") > 1)
);
--> statement-breakpoint
ALTER TABLE "match_group_members" ADD CONSTRAINT "match_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_group_members" ADD CONSTRAINT "match_group_members_group_id_round_id_match_groups_id_round_id_fk" FOREIGN KEY ("group_id","round_id") REFERENCES "public"."match_groups"("id","round_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_groups" ADD CONSTRAINT "match_groups_round_id_match_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."match_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_pair_hobbies" ADD CONSTRAINT "match_pair_hobbies_pair_id_match_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."match_pairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_pair_hobbies" ADD CONSTRAINT "match_pair_hobbies_hobby_id_hobbies_id_fk" FOREIGN KEY ("hobby_id") REFERENCES "public"."hobbies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_pairs" ADD CONSTRAINT "match_pairs_group_id_user_low_id_match_group_members_group_id_user_id_fk" FOREIGN KEY ("group_id","user_low_id") REFERENCES "public"."match_group_members"("group_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_pairs" ADD CONSTRAINT "match_pairs_group_id_user_high_id_match_group_members_group_id_user_id_fk" FOREIGN KEY ("group_id","user_high_id") REFERENCES "public"."match_group_members"("group_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legacy_keys" ADD CONSTRAINT "legacy_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_token_families" ADD CONSTRAINT "refresh_token_families_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_family_id_refresh_token_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."refresh_token_families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_hobbies" ADD CONSTRAINT "user_hobbies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_hobbies" ADD CONSTRAINT "user_hobbies_hobby_id_hobbies_id_fk" FOREIGN KEY ("hobby_id") REFERENCES "public"."hobbies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hobbies_name_unique" ON "hobbies" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "match_group_members_user_idx" ON "match_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "match_groups_round_idx" ON "match_groups" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "match_pair_hobbies_hobby_idx" ON "match_pair_hobbies" USING btree ("hobby_id");--> statement-breakpoint
CREATE INDEX "match_pairs_low_idx" ON "match_pairs" USING btree ("user_low_id");--> statement-breakpoint
CREATE INDEX "match_pairs_high_idx" ON "match_pairs" USING btree ("user_high_id");--> statement-breakpoint
CREATE INDEX "legacy_keys_user_idx" ON "legacy_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "rate_limits_reset_idx" ON "rate_limits" USING btree ("reset_at");--> statement-breakpoint
CREATE INDEX "refresh_token_families_user_idx" ON "refresh_token_families" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_expires_idx" ON "refresh_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "user_hobbies_hobby_idx" ON "user_hobbies" USING btree ("hobby_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_chat_id_unique" ON "users" USING btree ("chat_id");--> statement-breakpoint
CREATE INDEX "users_matching_idx" ON "users" USING btree ("is_active","is_active_pair");