ALTER TABLE "match_pairs" ADD COLUMN "common_hobby_ids" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
UPDATE "match_pairs" SET "common_hobby_ids" = shared.ids FROM (SELECT "pair_id", array_agg("hobby_id" ORDER BY "hobby_id") AS ids FROM "match_pair_hobbies" GROUP BY "pair_id") AS shared WHERE shared."pair_id" = "match_pairs"."id";--> statement-breakpoint
DROP TABLE "match_pair_hobbies" CASCADE;
