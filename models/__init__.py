"""Model registry, fetch (download) and load. Imports nothing from service/ or eval/."""
