CREATE TABLE "crew_shifts" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"last_tap" jsonb
);
--> statement-breakpoint
CREATE TABLE "transport_vitals" (
	"id" serial PRIMARY KEY NOT NULL,
	"transport_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" integer,
	"reading" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transports" ADD COLUMN "acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "transports" ADD COLUMN "vitals" jsonb;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "shift_crew" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "crew_shifts" ADD CONSTRAINT "crew_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crew_shifts" ADD CONSTRAINT "crew_shifts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transport_vitals" ADD CONSTRAINT "transport_vitals_transport_id_transports_id_fk" FOREIGN KEY ("transport_id") REFERENCES "public"."transports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transport_vitals" ADD CONSTRAINT "transport_vitals_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crew_shifts_one_open_per_user" ON "crew_shifts" USING btree ("user_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "crew_shifts_unit_idx" ON "crew_shifts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "transport_vitals_transport_at_idx" ON "transport_vitals" USING btree ("transport_id","at");