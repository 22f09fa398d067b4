# Seed 000 with two figures of what it quotes from seed 003 changed by
# hand: the year of a riktat uppdrag (003 line 1034: "överförs under 2024
# till sjukhusstyrelse Helsingborg") and the year of the region's decision
# about the new hospital (003 line 3541: "under våren 2021").  Applied by
# tests/cli/t_proof.sh at test time; read --against seed 003 each must be
# exactly one fel of kind citat naming both lines.
59s/överförs under 2024 till/överförs under 2025 till/
648s/under våren 2021 att/under våren 2022 att/
