"""Every explicit date form of news and conflict notes, on short notes written for the project.

The main act of each note (``evaluation.dates``' rule: the root verb of its first sentence, the
act a statement reports) is dated by the ``time`` stage after ``nlp`` and ``places``, as in the
pipeline: the focus country sets the locale of a numeric date, a dateline or the publication
date anchors the relative words.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventscope.time.expressions import find_dates

# (note, publication date or None, the main act's date, its precision)
NOTES = [
    ('On 3 May 2021, gunmen stormed a police post in Kaduna State, killing two officers.',
     None, '2021-05-03', 'day'),
    ('3 May 2021: Militants fired mortar rounds at an army camp near Gao, Mali.',
     None, '2021-05-03', 'day'),
    ('On May 3, 2021, protesters blocked the main highway outside Lima, Peru.',
     None, '2021-05-03', 'day'),
    ('On 3/5/2021, unidentified gunmen shot a local councillor in Tumaco, Colombia.',
     None, '2021-05-03', 'day'),
    ('On 5/3/2021, a gunman opened fire at a rally in Portland, Oregon, wounding three.',
     None, '2021-05-03', 'day'),
    ('2021-05-03: Rebels ambushed a supply convoy on the road north of Bunia, Ituri.',
     None, '2021-05-03', 'day'),
    ('On 2021-05-03 soldiers raided a village near Maiduguri, Borno State.',
     None, '2021-05-03', 'day'),
    ('KABUL, May 6, 2021 (EVS) — Taliban fighters attacked a checkpoint in Ghazni province on Tuesday.',
     None, '2021-05-04', 'day'),
    ('Police dispersed a sit-in outside parliament in Khartoum last Friday.',
     '2021-05-06', '2021-04-30', 'day'),
    ("Friday's attack on a market in Mogadishu killed 12 people, police said.",
     '2021-05-03', '2021-04-30', 'day'),
    ('Overnight on 2-3 May 2021, drones struck a fuel depot in Belgorod, Russia.',
     None, '2021-05-02', 'day'),
    ('Between 1 and 3 May 2021, clashes between herders and farmers left 14 dead in Benue State.',
     None, '2021-05-01', 'day'),
    ('In early May 2021, jihadists burned several villages in the Tillaberi region of Niger.',
     None, '2021-05-01', 'month'),
    ('On 3 May, militia fighters looted a health centre in Djugu territory, Ituri.',
     '2021-05-10', '2021-05-03', 'day'),
    ('On the night of 2 May 2021, an IED struck a patrol near Kidal, Mali.',
     None, '2021-05-02', 'day'),
    ("On 3rd May 2021, students marched on the governor's office in Kano.",
     None, '2021-05-03', 'day'),
    ('On Monday 3 May 2021, rioters torched a bus in Nairobi.',
     None, '2021-05-03', 'day'),
    ('On 3 May 2021 (Monday), police shot dead a protester in Cali, Colombia.',
     None, '2021-05-03', 'day'),
    ('Around 3 May 2021, ADF rebels killed nine civilians near Beni, North Kivu.',
     None, '2021-05-03', 'day'),
    ('On or about 3 May 2021, troops shelled Idlib countryside.',
     None, '2021-05-03', 'day'),
    ('On 3.5.2021, unknown assailants torched a school in Kasai, DR Congo.',
     None, '2021-05-03', 'day'),
    ('On 03/05/2021, armed men kidnapped a priest in Enugu State, Nigeria.',
     None, '2021-05-03', 'day'),
    ('WASHINGTON, 05/03/2021 — A gunman shot two officers outside a precinct in Baltimore.',
     None, '2021-05-03', 'day'),
    ('Late on 3 May 2021, artillery hit residential blocks in Donetsk.',
     None, '2021-05-03', 'day'),
    ('From 1 to 3 May 2021, soldiers carried out raids in Sagaing region, Myanmar.',
     None, '2021-05-01', 'day'),
    ('During the night of 2 to 3 May 2021, gunmen attacked a village in Bankass cercle, Mali.',
     None, '2021-05-02', 'day'),
    ('On 2 and 3 May 2021, protesters clashed with police in Dhaka.',
     None, '2021-05-02', 'day'),
    ('In late April 2021, militants seized two villages in Cabo Delgado.',
     None, '2021-04-01', 'month'),
    ('In mid-May 2021, fighting displaced thousands in Marib, Yemen.',
     None, '2021-05-01', 'month'),
    ("Tuesday's strike on a hospital in Aleppo killed four medics, rescuers said.",
     '2021-05-06', '2021-05-04', 'day'),
    ('On Tuesday, armed men abducted 20 passengers in Zamfara State.',
     '2021-05-06', '2021-05-04', 'day'),
    ('May 3, 2021: Riot police fired tear gas at protesters in Minsk.',
     None, '2021-05-03', 'day'),
    ('3 May 2021 - Houthi forces shelled a camp for displaced people in Marib.',
     None, '2021-05-03', 'day'),
    ('On 3 May 2021 around 2 am, settlers attacked a Palestinian house in Burin, near Nablus.',
     None, '2021-05-03', 'day'),
    ('The attack in Tillaberi on 3 May killed 11 soldiers.',
     '2021-05-05', '2021-05-03', 'day'),
    ('On the evening of 3 May 2021, gunmen shot dead a trader in Maiduguri, Borno State.',
     None, '2021-05-03', 'day'),
    ('In the early hours of 3 May 2021, soldiers raided a mosque compound in Quetta.',
     None, '2021-05-03', 'day'),
    ('Early on 3 May 2021, Russian missiles hit the port of Odesa.',
     None, '2021-05-03', 'day'),
    ('On Sunday (2 May), demonstrators set fire to tyres in Port-au-Prince.',
     '2021-05-04', '2021-05-02', 'day'),
    ('Al-Shabaab fighters overran a military base in Lower Shabelle on 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Two soldiers died when their vehicle struck a landmine near Kidal on 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('2021/05/03: Police arrested 40 protesters in Almaty.',
     None, '2021-05-03', 'day'),
    ("Sunday's bombing of a bus station in Kabul killed 11, officials said.",
     '2021-05-04', '2021-05-02', 'day'),
    ('KABUL, May 4 (EVS) — A roadside bomb killed three policemen in Helmand province.',
     '2021-05-04', '2021-05-04', 'day'),
    ('On 3 May, gunmen attacked a church in Ouagadougou.',
     '2021-02-10', '2020-05-03', 'day'),
    ('On the night of 2 to 3 May 2021, settlers set fire to olive groves near Nablus.',
     None, '2021-05-02', 'day'),
    ('On 28-29 April 2021, clashes erupted at the Kyrgyz-Tajik border near Batken.',
     None, '2021-04-28', 'day'),
    ('Over the weekend of 1-2 May 2021, raids left 9 dead in Sinaloa.',
     None, '2021-05-01', 'day'),
    ('On 3 May 2021 at around 11pm, a drone struck a house in Marib.',
     None, '2021-05-03', 'day'),
    ('On 3 May 2021, Monday, rebels fired on a UN convoy in Bangui.',
     None, '2021-05-03', 'day'),
    ('Unidentified assailants killed a chief in Bakassi on Monday 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Militants killed 4 soldiers in an ambush in Bay region on 3rd of May 2021.',
     None, '2021-05-03', 'day'),
    ('Attackers burned down a police station in Imo State last Monday, police said on 6 May 2021.',
     None, '2021-05-03', 'day'),
    ('In the first week of May 2021, troops shelled villages in Tigray.',
     None, '2021-05-01', 'month'),
    ('At the end of April 2021, gangs besieged Croix-des-Bouquets.',
     None, '2021-04-01', 'month'),
    ('In May 2021, jihadists blockaded the town of Djibo.',
     None, '2021-05-01', 'month'),
    ('NAIROBI, 3 May 2021 — Police killed two protesters in Kisumu on Saturday.',
     None, '2021-05-01', 'day'),
    ('On 3 May 2021 local time, a car bomb exploded in Mogadishu.',
     None, '2021-05-03', 'day'),
    ('A bomb exploded at a market in Jamrud on 3 May 2021, killing five.',
     None, '2021-05-03', 'day'),
    ('On 5/3/21, a gunman opened fire outside a bar in Chicago, Illinois.',
     None, '2021-05-03', 'day'),
    # "over the weekend" names no day: the week, never the dateline's day
    ('LAGOS, May 10 (EVS) — Cult gangs clashed in Ikorodu over the weekend, leaving four dead, police said.',
     '2021-05-10', '2021-05-03', 'week'),
    # a weekday that names a thing ("Friday prayers") is not the clause's date; the full date is
    ('Worshippers marched to the governor\'s office in Zahedan after Friday prayers on 7 May 2021, and guards fired on them.',
     None, '2021-05-07', 'day'),
    # "said on <date> that ...": the clause "that" opens is the act, though a later clause is the parse's
    ('The mayor of Kherson said on 9 May 2021 that shells had hit a bakery in the city the previous night; nobody died.',
     None, '2021-05-08', 'day'),
    # "said a missile fired from X struck Y on <date>": the bare participle is no clause of its own
    ('The regional governor said a rocket fired from across the river struck a school in Nikopol on 4 May 2021.',
     None, '2021-05-04', 'day'),
    # the attribution parsed as a second verb of the act's clause keeps the date before it for the act
    ('Militiamen burned the clinic and beat patients in Kamina on 4 May 2021, nurses later told reporters.',
     None, '2021-05-04', 'day'),
    # what a condemnation is about, an act noun with its own day, is the note's act
    ('The UN rights office in Geneva condemned on 6 May 2021 the killing of five traders by gunmen in Kidal on 2 May 2021.',
     None, '2021-05-02', 'day'),
    # a span up to the report names no day: not the dateline's
    ('GOMA, May 10 (EVS) - Rebels drove 500 families from villages near Rutshuru over the past four days, the UN said.',
     '2021-05-10', None, None),
]


@pytest.mark.parametrize("text, pub, expected_date, expected_precision", NOTES)
def test_the_main_act_of_a_note_is_dated(date_note, text, pub, expected_date, expected_precision):
    when, precision, found = date_note(text, pub)
    assert (when, precision) == (expected_date, expected_precision), found


def _found(text: str, pub: date | None = None, day_first: bool = True) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(t.text, t.date, t.precision, t.last_day) for t in find_dates(text, pub, day_first=day_first)]


@pytest.mark.parametrize("text, expected", [
    ("Overnight on 2-3 May 2021, drones struck.", ("2-3 May 2021", "2021-05-02", "day", "2021-05-03")),
    ("Between 1 and 3 May 2021, clashes left 14 dead.", ("1 and 3 May 2021", "2021-05-01", "day", "2021-05-03")),
    ("From 30 April to 2 May 2021, raids went on.", ("30 April to 2 May 2021", "2021-04-30", "day", "2021-05-02")),
    ("On May 2-3, 2021, riots spread.", ("May 2-3, 2021", "2021-05-02", "day", "2021-05-03")),
    ("Between 28 December 2020 and 2 January 2021, x", None),
    ("Raids went on from 1 to 20 May 2021.", ("1 to 20 May 2021", "2021-05-01", "month", "2021-05-20")),
])
def test_a_range_of_days_is_dated_by_its_first_day(text, expected):
    found = _found(text, date(2021, 5, 10))
    if expected is None:  # a year on both sides is two dates, not one range
        assert [f[1] for f in found] == ["2020-12-28", "2021-01-02"]
    else:
        assert found == [expected]


def test_a_yearless_range_takes_the_year_that_ends_it_before_publication():
    assert _found("Between 28 December and 2 January, x", date(2021, 1, 10)) == [
        ("28 December and 2 January", "2020-12-28", "day", "2021-01-02")]


def test_lowercase_may_is_no_range():
    assert _found("Officials may 2-3 times reconsider.", date(2021, 5, 10)) == []


def test_relative_word_before_a_date_is_only_its_time_of_day():
    assert [f[0] for f in _found("Overnight on 2-3 May 2021, drones struck.", date(2021, 5, 10))] == ["2-3 May 2021"]
    # "overnight" alone in a report of 10 May: the night of 9-10 May, dated by its first day like "overnight on 2-3 May"
    assert _found("Overnight, drones struck.", date(2021, 5, 10)) == [("Overnight", "2021-05-09", "day", None)]
    assert _found("Yesterday 3 people died.", date(2021, 5, 10)) == [("Yesterday", "2021-05-09", "day", None)]


@pytest.mark.parametrize("text, day_first, expected", [
    ("2021/05/03: police arrested 40.", True, "2021-05-03"),
    ("On 2021-5-3 police arrested 40.", True, "2021-05-03"),
    ("On 5/3/21, a gunman opened fire.", False, "2021-05-03"),
    ("On 5/3/21, a gunman opened fire.", True, "2021-03-05"),
])
def test_numeric_dates(text, day_first, expected):
    assert [f[1] for f in _found(text, day_first=day_first)] == [expected]


def test_numeric_shapes_that_are_no_dates():
    assert _found("The ratio rose to 3/4/21 in the index.") == []
    assert _found("Build 2021.05.03.1 was released.") == []


def test_a_weekday_beside_a_full_date_takes_that_date():
    assert _found("On Monday 3 May 2021, rioters torched a bus.")[0] == ("Monday", "2021-05-03", "day", None)
    assert _found("On 3 May 2021 (Monday), police fired.")[1] == ("Monday", "2021-05-03", "day", None)
    # a wrong weekday gives way to the full date
    assert _found("On Tuesday 3 May 2021, x")[0] == ("Tuesday", "2021-05-03", "day", None)


def test_without_a_publication_date_relative_words_count_from_the_report_date():
    found = _found("Attackers burned a police station last Monday, police said on 6 May 2021.")
    assert found[0] == ("last Monday", "2021-05-03", "day", None)
    # no reported date: nothing to count from, no guess
    assert _found("Gunmen killed three on Tuesday, the army said on Thursday.")[0][1] is None


def test_a_numeric_dateline_follows_the_locale():
    from eventscope.time.expressions import find_dateline

    text = "WASHINGTON, 05/03/2021 \u2014 A gunman shot two officers."
    assert find_dateline(text, day_first=False)[0] == date(2021, 5, 3)
    assert find_dateline(text, day_first=True)[0] == date(2021, 3, 5)
