CREATE TABLE "line_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"line_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"caller_number" text NOT NULL,
	"location" jsonb,
	"seat" integer,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_lines" (
	"id" integer PRIMARY KEY NOT NULL,
	"surge" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"seat" integer PRIMARY KEY NOT NULL,
	"surge" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'away' NOT NULL,
	"state_since" timestamp with time zone DEFAULT now() NOT NULL,
	"holder_id" integer,
	"holder_name" text,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "line_events" ADD CONSTRAINT "line_events_line_id_phone_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."phone_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_events" ADD CONSTRAINT "line_events_seat_seats_seat_fk" FOREIGN KEY ("seat") REFERENCES "public"."seats"("seat") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_holder_id_users_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "line_events_line_at_idx" ON "line_events" USING btree ("line_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "seats_one_per_holder" ON "seats" USING btree ("holder_id") WHERE holder_id is not null;