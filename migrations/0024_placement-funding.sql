ALTER TABLE "placement_terms" ADD COLUMN "funding_type" text;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD COLUMN "fee_pence" integer;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD COLUMN "exchange_description" text;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD COLUMN "exchange_half_days" integer;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD CONSTRAINT "placement_terms_funding" CHECK (case "placement_terms"."funding_type"
        when 'fee' then "placement_terms"."fee_pence" > 0 and "placement_terms"."exchange_description" is null and "placement_terms"."exchange_half_days" is null
        when 'exchange' then "placement_terms"."fee_pence" is null and "placement_terms"."exchange_description" is not null and "placement_terms"."exchange_half_days" > 0
        else "placement_terms"."fee_pence" is null and "placement_terms"."exchange_description" is null and "placement_terms"."exchange_half_days" is null end);