"""Synthetic disclosures for benchmarks and demos (``gongkai demo-data``): ``corpus`` writes the data
folders, ``ledger`` makes consistent tables, ``prose`` the texts that quote them."""
