CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"subject" text NOT NULL,
	"message" text NOT NULL,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"hospital_id" integer,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"cleared_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text DEFAULT 'emergency' NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"received_at" timestamp with time zone NOT NULL,
	"status_since" timestamp with time zone NOT NULL,
	"caller_phone" text NOT NULL,
	"address" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"complaint" text NOT NULL,
	"clinical_class" text NOT NULL,
	"age" integer,
	"risk_tier" text,
	"flags" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"source_hospital_id" integer,
	"transfer_to_hospital_id" integer,
	"merged_into_id" integer,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor" text NOT NULL,
	"actor_role" text NOT NULL,
	"name" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"hospital_ids" integer[] DEFAULT '{}'::integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hospitals" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"open_beds" integer DEFAULT 0 NOT NULL,
	"occupied_beds" integer DEFAULT 0 NOT NULL,
	"icu_open" integer DEFAULT 0 NOT NULL,
	"icu_occupied" integer DEFAULT 0 NOT NULL,
	"icu_convertible" integer DEFAULT 0 NOT NULL,
	"ventilators_free" integer DEFAULT 0 NOT NULL,
	"ed_status" text DEFAULT 'open' NOT NULL,
	"diversion_until" timestamp with time zone,
	"fever_clinic_wait_min" integer DEFAULT 0 NOT NULL,
	"capacity_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"capacity_updated_by" text DEFAULT 'system' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hospitals_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"route" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transports" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"hospital_id" integer,
	"acceptance" text,
	"decline_reason" text,
	"decline_note" text,
	"diversion_override" boolean DEFAULT false NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"handed_over_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_sign" text NOT NULL,
	"kind" text NOT NULL,
	"station_id" integer NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"status_since" timestamp with time zone DEFAULT now() NOT NULL,
	"call_id" integer,
	"transport_id" integer,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"heading" double precision DEFAULT 0 NOT NULL,
	"speed_kmh" double precision DEFAULT 0 NOT NULL,
	"fix_at" timestamp with time zone,
	"crew" jsonb NOT NULL,
	"has_terminal" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "units_call_sign_unique" UNIQUE("call_sign")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"hospital_id" integer,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transports" ADD CONSTRAINT "transports_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transports" ADD CONSTRAINT "transports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transports" ADD CONSTRAINT "transports_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_per_subject" ON "alerts" USING btree ("subject") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX "calls_status_idx" ON "calls" USING btree ("status");--> statement-breakpoint
CREATE INDEX "calls_received_idx" ON "calls" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "calls_phone_idx" ON "calls" USING btree ("caller_phone");--> statement-breakpoint
CREATE INDEX "events_at_idx" ON "events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "events_entity_idx" ON "events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "events_name_idx" ON "events" USING btree ("name");--> statement-breakpoint
CREATE INDEX "transports_call_idx" ON "transports" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "transports_hospital_idx" ON "transports" USING btree ("hospital_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transports_one_active_per_unit" ON "transports" USING btree ("unit_id") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "units_status_idx" ON "units" USING btree ("status");