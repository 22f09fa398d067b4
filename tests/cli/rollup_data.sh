# Shared by cli/t_rollup and web/t_rollup: a generated hospital whose
# figures sit on the units below it (issue 15 item 2).
#
#   RS  Region
#   └ EXS Exempelsjukhuset (förvaltning): no ledger, no values of its own
#     ├ V01 (no ledger of its own) └ E011 (enhet): figures
#     ├ V02 figures of its own     └ E021 (enhet): figures, NOT added:
#     │                              V02's own figures are V02's whole
#     ├ V03, V04, V05 figures
#     └ V06 closed 2023-12-31: figures in 2023 and (wrongly) 2024; counts
#       for 2023 only, as the tree stood
#
# rollup_files DIR writes org.csv, ledger.csv (in kr with öre, the units'
# sums left to styr), indicators.csv, goals.csv, targets.csv and
# values.csv into DIR.  ROLLUP_COUNTED lists the units whose ledger counts
# for EXS per year.
ROLLUP_COUNTED_2024="E011 V02 V03 V04 V05"
ROLLUP_COUNTED_2023="E011 V02 V03 V04 V05 V06"

rollup_files() {
	local d=$1
	cat >"$d/org.csv" <<-'EOF'
	code;name;kind;parent;valid_from;valid_to;aliases
	RS;Region;region;;;;
	EXS;Exempelsjukhuset;förvaltning;RS;;;
	V01;Verksamhetsområde 1;verksamhetsområde;EXS;;;
	E011;Enhet 1.1;enhet;V01;;;
	V02;Verksamhetsområde 2;verksamhetsområde;EXS;;;
	E021;Enhet 2.1;enhet;V02;;;
	V03;Verksamhetsområde 3;verksamhetsområde;EXS;;;
	V04;Verksamhetsområde 4;verksamhetsområde;EXS;;;
	V05;Verksamhetsområde 5;verksamhetsområde;EXS;;;
	V06;Verksamhetsområde 6;verksamhetsområde;EXS;2020-01-01;2023-12-31;
	EOF
	# amount of a unit, row and month: K tkr + 333 kr + a few öre, income
	# positive and costs negative; utfall 2023 and 2024 by month, a year
	# budget for 2024
	awk 'BEGIN {
		split("regionbidrag patientavgifter forsaljning_verksamhet ovriga_intakter", inc, " ")
		split("lonekostnader arbetsgivaravgifter material_tjanster lakemedel avskrivningar", cst, " ")
		split("E011 V02 E021 V03 V04 V05 V06", units, " ")
		print "unit;table;year;month;row;kind;amount;source;enhet"
		for (u = 1; u <= 7; u++)
			for (y = 2023; y <= 2024; y++) {
				for (m = 1; m <= 12; m++) {
					for (r = 1; r <= 4; r++) put(units[u], y, m, inc[r], "utfall", amount(u, r, m, y))
					for (r = 1; r <= 5; r++) put(units[u], y, m, cst[r], "utfall", -amount(u, r + 4, m, y))
				}
				if (y == 2024) {
					for (r = 1; r <= 4; r++) put(units[u], y, 0, inc[r], "budget", 12 * amount(u, r, 6, 0))
					for (r = 1; r <= 5; r++) put(units[u], y, 0, cst[r], "budget", -12 * amount(u, r + 4, 6, 0))
				}
			}
	}
	function amount(u, r, m, y) { return 100 * (1000 * ((u * 31 + r * 17 + m * 7 + y) % 90 + 10) + 333) + (u * r * m + y) % 100 }
	function put(unit, y, m, row, kind, ore,   neg) {
		neg = ore < 0; if (neg) ore = -ore
		printf "%s;;%d;%s;%s;%s;%s%d,%02d;generated;kr\n", unit, y, m ? m : "", row, kind, neg ? "-" : "", int(ore / 100), ore % 100
	}' >"$d/ledger.csv"
	cat >"$d/goals.csv" <<-'EOF'
	code;parent;level;title;text;valid_from;valid_to;owners
	RU-OM;;övergripande mål;Vård i rätt tid;;;;
	RU-G1;RU-OM;strategiskt mål;God tillgänglighet;;;;EXS:huvudansvar
	EOF
	cat >"$d/indicators.csv" <<-'EOF'
	code;name;definition;unit;direction;frequency;source;tolerance;goals
	RU-PCT;Andel besök inom 90 dagar;;%;up;tertial;generated;;RU-G1
	RU-ANT;Antal vårdtillfällen;;antal;;tertial;generated;;RU-G1
	RU-DGR;Medelvårdtid;;dagar;down;tertial;generated;;RU-G1
	EOF
	cat >"$d/targets.csv" <<-'EOF'
	indicator;unit;year;target
	RU-PCT;;2024;>95 %
	RU-ANT;;2024;>=150
	RU-DGR;;2024;<5
	EOF
	# RU-PCT by hand: E011 (for V01) 180/200 = 90,0 %, V02 5/10 = 50,0 %,
	# V03 30/40 = 75,0 % (E021's 1/1 is under V02, which has its own).
	# EXS = (180 + 5 + 30) / (200 + 10 + 40) = 215 / 250 = 86,0 %; the
	# average of the three percentages would be 71,7 %.
	cat >"$d/values.csv" <<-'EOF'
	indicator;unit;period;value;numerator;denominator;missing_reason;source
	RU-PCT;E011;jan–aug 2024;90,0;180;200;;generated
	RU-PCT;V02;jan–aug 2024;50,0;5;10;;generated
	RU-PCT;E021;jan–aug 2024;100,0;1;1;;generated
	RU-PCT;V03;jan–aug 2024;75,0;30;40;;generated
	RU-ANT;E011;jan–aug 2024;120;;;;generated
	RU-ANT;V02;jan–aug 2024;30;;;;generated
	RU-ANT;E021;jan–aug 2024;7;;;;generated
	RU-ANT;V03;jan–aug 2024;50;;;;generated
	RU-ANT;V04;jan–aug 2024;0;;;;generated
	RU-DGR;V02;jan–aug 2024;4,2;;;;generated
	RU-DGR;V03;jan–aug 2024;5,1;;;;generated
	EOF
}
