# Seed 002 with every contradiction of 002.truth fixed by hand (the fel
# entries; roundings and oklart left as printed).  Applied by
# tests/cli/t_proof.sh to ../shared/seeds at test time, so the seed is not
# copied into the repository.  Each command names its line.
719s/(december 2024: 606)/(december 2024: 1106)/
746s/minskat med -58,6 procent/minskat med -58,4 procent/
896s/Förvaltningen når $/Förvaltningen når inte /
987s/från 9,6 till 8,6/från 9,6 till 8,9/
1228s/sjunkit och median och medel i ledtider/sjunkit och median i ledtider/
1302s/^34 55 45/37 55 45/
1304s/11% 18% 13%/12% 16% 13%/
1569s/ses en minskning av totalt antal besök/ses en ökning av totalt antal besök/
1570s/med  -3,4 procent/med 3,6 procent/
1617s/har ökat med 8,5 procent/har minskat med 3,8 procent/
1620s/att antalet operationer har ökat mer än DRG-poängen/att DRG-poängen har ökat mer än antalet operationer/
1735s/ökat med 38,2 procent/ökat med 38,1 procent/
1736s/(totalt: 21 008 ärenden)/(totalt: 21 013 ärenden)/
1746s/och 13 620 av vården/och 15 281 av vården/
2407s/sjönk marginellt från 392/ökade marginellt från 391/
2408s/^(2024) till 391 (2023)/(2023) till 392 (2024)/
2511s/(2023: -45,2 Mkr)/(2023: -45,3 Mkr)/
