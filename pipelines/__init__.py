"""govreports: Chinese government reports into a DuckDB warehouse."""
