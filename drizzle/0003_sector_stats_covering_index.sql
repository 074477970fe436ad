DROP INDEX `stocks_sector_change_percent_idx`;--> statement-breakpoint
CREATE INDEX `stocks_sector_stats_idx` ON `stocks` (`sector`,`change_percent`,`symbol`,`market_cap`,`change`);