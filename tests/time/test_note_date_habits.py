"""Writers' habits the first date probes (``test_note_date_forms.py``) do not cover, on short
notes written for geo11: ordinal days, abbreviated months with and without a dot, a weekday
before the date, dates in brackets, ranges across months, "the night of", "on or about",
relative words against a dateline, two dates in one note, ISO dates with a time, a date after
the place, and notes that report an earlier act.

The gold of every note was set by hand, as a careful coder would date the main act, before the
notes were run: the act's own date, never the report's or a background date; a relative word
counts from the publication date or the dateline; "this week" / "earlier this month" give a
week or a month, not a day.
"""

from __future__ import annotations

import pytest


# (note, publication date or None, the main act's date, its precision)
NOTES = [
    # ordinal days
    ('On May 3rd, 2021, gunmen ambushed a bus near Kaura Namoda, Zamfara State.',
     None, '2021-05-03', 'day'),
    ('Militants torched a clinic in Mopti region on the 3rd of May 2021.',
     None, '2021-05-03', 'day'),
    ('On 21st April 2019, suicide bombers struck three churches in Colombo.',
     None, '2019-04-21', 'day'),
    ('Gunmen kidnapped 12 farmers near Gusau on May 22nd.',
     '2021-05-25', '2021-05-22', 'day'),
    ('On the 1st of March 2020, protesters occupied the town hall in Oaxaca.',
     None, '2020-03-01', 'day'),
    # abbreviated months, with and without a dot
    ('On Sept. 14, 2018, an airstrike hit a wedding party in Hajjah, Yemen.',
     None, '2018-09-14', 'day'),
    ('14 Sep 2018: Police raided an opposition office in Harare.',
     None, '2018-09-14', 'day'),
    ('On 2 Feb. 2022, soldiers fired on gold miners near Mongbwalu, Ituri.',
     None, '2022-02-02', 'day'),
    ('Jan 9, 2020 - A car bomb exploded outside a bank in Kandahar.',
     None, '2020-01-09', 'day'),
    ('On Dec 31 2019, militiamen burned a market in Kalehe, South Kivu.',
     None, '2019-12-31', 'day'),
    ('On 7 Oct. 2023 rebels shelled the airport of Bambari.',
     None, '2023-10-07', 'day'),
    ('Nov. 3: Troops clashed with smugglers near Kufra.',
     '2021-11-05', '2021-11-03', 'day'),
    ('On 14 Sept 2018, militia fighters looted a school in Kasai Central.',
     None, '2018-09-14', 'day'),
    # a weekday before the date
    ('On Tuesday, 3 May 2022, protesters burned tyres in Conakry.',
     None, '2022-05-03', 'day'),
    ('Gunmen killed a village chief in Kaya on Wednesday, March 4, 2020.',
     None, '2020-03-04', 'day'),
    ('On Thursday 12 Aug, an IED killed two soldiers near Menaka.',
     '2021-08-14', '2021-08-12', 'day'),
    ('Tuesday, 3 May: Police tear-gassed street traders in Lilongwe.',
     '2022-05-04', '2022-05-03', 'day'),
    ('On Tue, 4 May 2021, rioters torched a police post in Manzini.',
     None, '2021-05-04', 'day'),
    ('Sunday 2 May 2021 \u2013 Settlers uprooted olive trees near Salfit.',
     None, '2021-05-02', 'day'),
    ('On the morning of Tuesday 4 May 2021, troops entered Mekelle.',
     None, '2021-05-04', 'day'),
    # dates in brackets
    ('Rebels seized the town of Kiwanja (3 May 2021), local sources said.',
     None, '2021-05-03', 'day'),
    ('An airstrike (on 3 May 2021) destroyed a school in Kafr Nabl.',
     None, '2021-05-03', 'day'),
    ('Police shot two protesters in Kisumu (Kenya) on 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Soldiers burned houses in Kyauktaw township (Rakhine State) on 14 Feb 2022.',
     None, '2022-02-14', 'day'),
    ('Gunmen killed three soldiers in Kaduna on Saturday (May 1).',
     '2021-05-03', '2021-05-01', 'day'),
    # ranges across months
    ('From 30 April\u20132 May 2021, fighters besieged an army base in Tessit.',
     None, '2021-04-30', 'day'),
    ('Between 29 March and 1 April 2022, raids left 40 dead in Moura, Mali.',
     None, '2022-03-29', 'day'),
    ('On 31 Jan - 1 Feb 2021, clashes erupted in El Geneina, West Darfur.',
     None, '2021-01-31', 'day'),
    ('Clashes on 30 April\u20132 May 2021 displaced 3,000 people in Beni territory.',
     None, '2021-04-30', 'day'),
    ('Clashes broke out in Jonglei on 3/4 May 2021.',
     None, '2021-05-03', 'day'),
    # the night of, the early hours, dawn
    ('During the night of 2 May 2021, armed men raided a village in Kebbi State.',
     None, '2021-05-02', 'day'),
    ('On the night of May 2, 2021, a drone hit an oil depot in Makhachkala.',
     None, '2021-05-02', 'day'),
    ('In the night of 2-3 May 2021, unknown assailants burned a school in Koutiala.',
     None, '2021-05-02', 'day'),
    ('At dawn on 3 May 2021, Israeli forces raided Jenin camp.',
     None, '2021-05-03', 'day'),
    ('In the afternoon of 3 May 2021, police opened fire on protesters in Cali.',
     None, '2021-05-03', 'day'),
    ('Militants stormed a prison in Kabala on the evening of May 3.',
     '2021-05-10', '2021-05-03', 'day'),
    # on or about
    ('On or around 3 May 2021, soldiers detained 15 men in Sittwe.',
     None, '2021-05-03', 'day'),
    ('Sometime around 3 May 2021, jihadists executed four villagers near Djibo.',
     None, '2021-05-03', 'day'),
    ('On or about May 3, 2021, cartel gunmen killed a journalist in Culiacan.',
     None, '2021-05-03', 'day'),
    # relative words against a dated dateline or the publication date
    ('GAO, 10 May 2021 \u2014 Earlier this month, jihadists burned a convoy near Ansongo.',
     None, '2021-05-01', 'month'),
    ('BAMAKO, 7 May 2021 \u2014 Gunmen killed six herders in Segou region this week.',
     None, '2021-05-03', 'week'),
    ('MOGADISHU, 4 May 2021 \u2014 A suicide bomber struck a police academy yesterday.',
     None, '2021-05-03', 'day'),
    ('KANO, 10 May 2021 (EVS) \u2014 Bandits abducted 30 pupils in the early hours of Sunday.',
     None, '2021-05-09', 'day'),
    ('In the early hours of Sunday, militants attacked a checkpoint in North Waziristan.',
     '2021-05-12', '2021-05-09', 'day'),
    ('Early Sunday, a car bomb went off near a mosque in Mogadishu.',
     '2021-05-11', '2021-05-09', 'day'),
    ('Late Saturday night, gunmen shot dead four people at a bar in Cauca.',
     '2021-05-10', '2021-05-08', 'day'),
    ('ABUJA, May 6, 2021 \u2014 Troops repelled an attack on a base in Borno on Wednesday night.',
     None, '2021-05-05', 'day'),
    ('On Saturday night, rioters looted shops in Durban.',
     '2021-07-12', '2021-07-10', 'day'),
    ('Two days ago, gunmen shot a judge in Karachi.',
     '2021-05-06', '2021-05-04', 'day'),
    ("Last Sunday's ambush near Beni killed nine soldiers, the army said.",
     '2021-05-06', '2021-05-02', 'day'),
    ('Rebels attacked the town of Bunia overnight Sunday into Monday.',
     '2021-05-05', '2021-05-02', 'day'),
    # two dates in one note: the act's, not the report's or a background date
    ('On 3 May 2021, gunmen attacked a police station in Zamfara, a week after the 26 April raid on a nearby village.',
     None, '2021-05-03', 'day'),
    ('Militants killed five soldiers in Tillaberi on 3 May 2021, the army said on 5 May 2021.',
     None, '2021-05-03', 'day'),
    ('The village, first attacked in March 2020, was hit again by rebels on 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Protesters, who had marched on 1 May, blocked the port of Buenaventura on 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Rebels ambushed a convoy on 3 May in the Kidal region, and on 5 May they attacked Tessalit.',
     '2021-05-10', '2021-05-03', 'day'),
    # ISO dates with a time
    ('2021-05-03T14:30Z: Rockets hit the airport in Erbil.',
     None, '2021-05-03', 'day'),
    ('At 2021-05-03 14:30 local time, a blast hit a bus in Quetta.',
     None, '2021-05-03', 'day'),
    ('2021-05-03 06:00 \u2014 Drones struck a power station in Kharkiv.',
     None, '2021-05-03', 'day'),
    # a date after the place
    ('Jihadists attacked an army post in Kidal on 3 May.',
     '2021-05-06', '2021-05-03', 'day'),
    ('An IED hit a patrol near Aguelhok, Kidal region, on 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Soldiers shot dead two civilians at a checkpoint in Kutum, North Darfur, on May 3rd.',
     '2021-05-05', '2021-05-03', 'day'),
    # reports of an earlier act
    ('On 3 May, police said gunmen had killed a pastor in Plateau State on 1 May.',
     '2021-05-04', '2021-05-01', 'day'),
    ('Police said on 6 May 2021 that attackers had burned a police station in Imo State on 3 May.',
     None, '2021-05-03', 'day'),
    ('On 6 May 2021, local officials reported that militants had beheaded three villagers in Mocimboa da Praia on 4 May.',
     None, '2021-05-04', 'day'),
    ('Residents said on Tuesday that soldiers had burned homes in Oku last Friday.',
     '2021-05-06', '2021-04-30', 'day'),
    # other shapes
    ('Monday (3 May 2021): Security forces stormed a protest camp in Khartoum.',
     None, '2021-05-03', 'day'),
    ('On 3-May-2021, police detained 20 activists in Tashkent.',
     None, '2021-05-03', 'day'),
    ('On May 3 2021 around midnight, gunmen attacked a village in Plateau State.',
     None, '2021-05-03', 'day'),
    ('Fighting broke out in Marib on 2021-05-03 and lasted two days.',
     None, '2021-05-03', 'day'),
    ('On May 3, police in Dhaka fired rubber bullets at garment workers.',
     '2021-05-05', '2021-05-03', 'day'),
    # more habits (second batch, gold set before running)
    ('A 3 May 2021 ambush near Tera killed five soldiers.',
     None, '2021-05-03', 'day'),
    ('Police said that on 3 May 2021 gunmen had shot dead a chief in Bawku.',
     None, '2021-05-03', 'day'),
    ('The body of a trader abducted on 1 May 2021 was found on 3 May 2021 near Goma.',
     None, '2021-05-03', 'day'),
    ('Gunmen who abducted 20 passengers on 1 May released them near Kaduna on 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Monday, May 3, 2021 \u2014 Rebels shelled the outskirts of Bangui.',
     None, '2021-05-03', 'day'),
    ('3 May 2021 | Kidal | Gunmen attacked a water point.',
     None, '2021-05-03', 'day'),
    ('(3 May 2021) Gunmen set fire to a school near Bankass.',
     None, '2021-05-03', 'day'),
    ('Update, 5 May 2021: Militants attacked an army post near Tera on Monday.',
     None, '2021-05-03', 'day'),
    ('On 3 May, 2021, protesters stormed a police station in Sokoto.',
     None, '2021-05-03', 'day'),
    ('On May 3rd 2021 soldiers burned a market in Kalay.',
     None, '2021-05-03', 'day'),
    ('On 03 May 2021, armed men looted a clinic in Rutshuru.',
     None, '2021-05-03', 'day'),
    ('On 3rd May, 2021, a bomb exploded at a bus stop in Quetta.',
     None, '2021-05-03', 'day'),
    ('On 3 May this year, gunmen attacked a convoy in Niger State.',
     '2021-06-10', '2021-05-03', 'day'),
    ('On 3 May last year, soldiers shot dead two miners in Tarkwa.',
     '2022-02-10', '2021-05-03', 'day'),
    ('Last Tuesday (4 May), riot police fired tear gas at students in Bujumbura.',
     '2021-05-10', '2021-05-04', 'day'),
    ('The attack, which took place on 3 May 2021, killed five villagers in Djibo.',
     None, '2021-05-03', 'day'),
    ('According to police, on 3 May 2021 gunmen killed three farmers in Benue.',
     None, '2021-05-03', 'day'),
    ('It was reported on 5 May 2021 that militants had killed three soldiers in Tera on Monday.',
     None, '2021-05-03', 'day'),
    ('NIAMEY, 12 May 2021 \u2014 Late last month, jihadists burned a village in Tillaberi.',
     None, '2021-04-01', 'month'),
    ('Gunmen stormed a hotel in Mogadishu late on Friday, 7 May 2021.',
     None, '2021-05-07', 'day'),
    ('Rioters torched a police post in Kinshasa on Mon 3 May 2021.',
     None, '2021-05-03', 'day'),
    ('Two days after the 1 May election, protesters clashed with police in Conakry.',
     None, None, None),
    ('On 3 May 2021, a day after troops withdrew, militants seized the town of Mansila.',
     None, '2021-05-03', 'day'),
]


@pytest.mark.parametrize("text, pub, expected_date, expected_precision", NOTES)
def test_the_main_act_of_a_note_is_dated(date_note, text, pub, expected_date, expected_precision):
    when, precision, found = date_note(text, pub)
    assert (when, precision) == (expected_date, expected_precision), found


def _found(text: str, pub=None):
    from eventscope.time.expressions import find_dates

    return [(t.text, t.date, t.precision) for t in find_dates(text, pub)]


def test_a_day_month_and_year_joined_by_hyphens():
    assert _found("On 3-May-2021, police detained 20.") == [("3-May-2021", "2021-05-03", "day")]
    assert _found("Filed 03-Sep-18.") == [("03-Sep-18", "2018-09-03", "day")]


def test_without_a_publication_date_a_yearless_day_counts_from_the_report_date():
    # the report's date after the verb, or opening the sentence of the report
    assert _found("Police said on 6 May 2021 that attackers burned a station on 3 May.")[1] == \
        ("3 May", "2021-05-03", "day")
    assert _found("On 6 May 2021, officials reported that militants had killed three on 4 May.")[1] == \
        ("4 May", "2021-05-04", "day")
    # a full date that dates no report anchors nothing: no guess
    assert _found("On 6 May 2021, gunmen attacked a bus, a week after the 29 April raid.")[1] == \
        ("29 April", None, "day")


def test_a_clause_of_the_subject_dates_the_act_only_when_it_says_when_it_happened(date_note):
    assert date_note("The raid, carried out on 3 May 2021, left 12 people dead in Kasai.")[0] == "2021-05-03"
    # the clause dates what the gunmen did before, not the act of the note
    assert date_note("The gunmen, who took 20 hostages on 1 May 2021, released them in Zamfara.")[0] is None


def test_the_time_lexicon_lists_are_strings():
    from eventscope.time.expressions import load_lexicon

    lex = load_lexicon()
    for key in ("occurrence_verbs", "report_verbs", "future_markers"):
        assert lex[key] and all(isinstance(w, str) for w in lex[key]), key
