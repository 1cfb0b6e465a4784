CREATE TABLE "places" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" text NOT NULL,
	"town" text NOT NULL,
	"setting" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "code" text;--> statement-breakpoint
-- Hand-edited (issue 11): existing stations get a code from their id, and a station inserted without a code
-- (the demo seed, the admin screen) gets the same, from a trigger, before NOT NULL is checked.
UPDATE "stations" SET "code" = 'ST' || lpad("id"::text, 2, '0');--> statement-breakpoint
ALTER TABLE "stations" ALTER COLUMN "code" SET DEFAULT null;--> statement-breakpoint
ALTER TABLE "stations" ALTER COLUMN "code" SET NOT NULL;--> statement-breakpoint
CREATE FUNCTION "stations_default_code"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."code" IS NULL THEN
    NEW."code" := 'ST' || lpad(NEW."id"::text, 2, '0');
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stations_default_code" BEFORE INSERT ON "stations" FOR EACH ROW EXECUTE FUNCTION "stations_default_code"();--> statement-breakpoint
CREATE INDEX "places_town_idx" ON "places" USING btree ("town");--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_code_unique" UNIQUE("code");