CREATE TABLE "callbacks" (
	"id" serial PRIMARY KEY NOT NULL,
	"attempt_event_id" text NOT NULL,
	"caller_number" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" integer,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"call_id" integer
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "last_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "phone_lines" ADD COLUMN "state" jsonb;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callbacks_attempt_idx" ON "callbacks" USING btree ("attempt_event_id");