"""Value helpers both sides read: calendar dates, name folding, countries, slugs."""
