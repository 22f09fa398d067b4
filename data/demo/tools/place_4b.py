#!/usr/bin/env python3
"""Place Bilaga 4B's detail cells (seed 003) in their columns.

The text extraction of seed 003 keeps each row's amounts in left-to-right
order but loses which column each belongs to.  Every column has a printed
Summa, so a placement is right when each column's cells add up to it.  This
searches all placements (each row's amounts go to increasing columns) and
prints the rows as bridge.csv lines when exactly one placement fits; it
stops with the number found otherwise.  Used for the first page's tekniska
justeringar (one placement) and the second page's riktade satsningar (one);
the second page's tekniska justeringar (their zero cells left out, as
they fit anywhere) fit at least 50 placements and are not transcribed
(data/demo/README.md); the count is printed to standard error.

    python3 data/demo/tools/place_4b.py ../shared/seeds/003_*.txt
"""
import re
import sys

PAGE1 = ['KN', 'KTN', 'RUN', 'PHH', 'SUS', 'LKR-S', 'HBG', 'AHM', 'CSK', 'HHM', 'YSD', 'TBG']
PAGE2 = ['PV-OFF', 'PV-HV', 'PDV', 'NORV-MS', 'HSN', 'E-HALSA', 'RST', 'NORV-DIGIT', 'PeN',
         'PN', 'REV', 'SN', 'FINANS']
# (label stored, text the amounts' line starts with)
TEKNISK1 = [('Internränta 2,0 %', 'Internränta 2,0 %'), ('Demokratiuppdrag', 'Demokratiuppdrag'),
            ('Verksamhetskommunikation', 'Verksamhetskommunikation'),
            ('Chefsapotekare', 'Chefsapotekare'),
            ('Strukturellt underskott sjukhusstyrelser', 'sjukhusstyrelser'),
            ('Täckning kostnadsutveckling 2023', 'utveckling 2023'),
            ('Lymfödem samordning kompressionshjälpmedel', 'kompressionshjälpmedel'),
            ('Invest in Skåne slutlig justering', 'Invest in Skåne slutlig justering'),
            ('Sommarjobb', 'Sommarjobb'), ('Folkhögskolor', 'Folkhögskolor'),
            ('Medicon village innovation', 'Medicon village innovation')]
RIKTAD2 = [('Assisterad befruktning', 'Assisterad befruktning'),
           ('Läkemedelsomställning – tillfälligt 2024', '– tillfälligt 2024'),
           ('Läkemedelsomställning – permanent tillskott', '– permanent tillskott'),
           ('SDV driftskostnader, m m', 'SDV driftskostnader, m m'),
           ('Äskande revision', 'Äskande revision'), ('Mobila team', 'Mobila team'),
           ('Förstärkning trafiken', 'Förstärkning trafiken'),
           ('Förstärkning Hälsoval', 'Förstärkning Hälsoval'),
           ('MBHV-psykologer', 'MBHV-psykologer')]


def tenths(text):
    """Amounts in tenths of Mkr: '–1 314,0' -> -13140."""
    found = re.findall(r'[–-]?\d{1,3}(?: \d{3})*,\d', text)
    return [round(float(t.replace('–', '-').replace(' ', '').replace(',', '.')) * 10)
            for t in found]


def subsets(items, target):
    """Lists of rows whose next amounts add up to target (bounded search)."""
    hi = [0] * (len(items) + 1)
    lo = [0] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        hi[i] = hi[i + 1] + max(items[i][1], 0)
        lo[i] = lo[i + 1] + min(items[i][1], 0)
    out = []

    def walk(i, s, chosen):
        if s + hi[i] < target or s + lo[i] > target:
            return
        if i == len(items):
            out.append(list(chosen))
            return
        chosen.append(items[i][0])
        walk(i + 1, s + items[i][1], chosen)
        chosen.pop()
        walk(i + 1, s, chosen)
    walk(0, 0, [])
    return out


def placements(ncols, sums, rows, limit=2):
    """Column of each amount, for every placement that fits (up to limit)."""
    found = []
    ptr = [0] * len(rows)
    cols = [[] for _ in rows]

    def walk(c):
        if len(found) >= limit:
            return
        left = [r for r in range(len(rows)) if ptr[r] < len(rows[r])]
        if c == ncols:
            if not left:
                found.append([list(x) for x in cols])
            return
        if any(len(rows[r]) - ptr[r] > ncols - c for r in left):
            return
        must = [r for r in left if len(rows[r]) - ptr[r] == ncols - c]
        rest = [(r, rows[r][ptr[r]]) for r in left if r not in must]
        base = sum(rows[r][ptr[r]] for r in must)
        for chosen in subsets(rest, sums[c] - base):
            for r in must + chosen:
                cols[r].append(c)
                ptr[r] += 1
            walk(c + 1)
            for r in must + chosen:
                cols[r].pop()
                ptr[r] -= 1
    walk(0)
    return found


TEKNISK2 = [(t, t) for t in ('Internränta 2,0 %', 'Demokratiuppdrag', 'Verksamhetskommunikation',
                              'Kögeneral + vårdgarantikansli', 'finansiering 2023',
                              'Chefsapotekare', 'Regional vaccinsamordnare', 'sjukhusstyrelser',
                              'utveckling 2023', 'Aktuellt om vetenskap o hälsa',
                              'Regional biobank', 'Myelom och Swecrit', 'Teledermatoskopi',
                              'Samordningsbarnmorskor', 'Glasäpplet prissumma', 'sjukhusområden',
                              'kompressionshjälpmedel', 'Invest in Skåne slutlig justering',
                              'Sommarjobb', 'Folkhögskolor', 'Medicon village innovation')]


def row_amounts(lines, first, last, wanted):
    rows, where = [], []
    for _, start in wanted:
        n = next(i for i in range(first, last) if lines[i - 1].startswith(start))
        rows.append(tenths(lines[n - 1][len(start):]))
        where.append(n)
    return rows, where


def table(lines, first, last, summa, units, step, wanted):
    rows, where = row_amounts(lines, first, last, wanted)
    found = placements(len(units), tenths(lines[summa - 1][len('Summa'):]), rows)
    if len(found) != 1:
        sys.exit(f'{step} lines {first}-{last}: {len(found)} placements fit, not one')
    for (label, _), amounts, cols, n in zip(wanted, rows, found[0], where):
        for c, x in zip(cols, amounts):
            amount = f'{x / 10:.1f}'.replace('.', ',')
            print(f'2024;{units[c]};{step};{label};{amount};seed 003 line {n}')


def main():
    lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
    table(lines, 4062, 4112, 4112, PAGE1, 'teknisk', TEKNISK1)
    table(lines, 4231, 4262, 4262, PAGE2, 'riktad', RIKTAD2)
    rows, _ = row_amounts(lines, 4178, 4227, TEKNISK2)
    found = placements(len(PAGE2), tenths(lines[4227 - 1][len('Summa'):]),
                       [[x for x in r if x] for r in rows], limit=50)
    print(f'teknisk lines 4178-4227: {len(found)}{"+" if len(found) == 50 else ""} '
          'placements fit, not transcribed', file=sys.stderr)


main()
