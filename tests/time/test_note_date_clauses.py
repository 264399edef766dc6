"""Where a note's date stands apart from its act, on short notes written for geo12 (the classes
the date failures of note sets 5-8 fell into): a consequence clause after a semicolon, a trailing
date the parser hangs on a participle, a relative or a conjoined verb, an opening date after a
time of day, a day counted from another date of the note, an act date before a trailing
attribution, and a dateline whose place has a hyphen.

The gold of every note was set by hand before the run, as a careful coder dates the main act;
``None`` where the note does not say the act's day (precision first: no guess).
"""

from __future__ import annotations

import pytest

# (note, publication date or None, the main act's date)
NOTES = [
    # a consequence clause after ";" goes on from the act before it
    ("Gunmen ambushed a bus near Gao on 4 March 2022; eleven passengers died.", None, "2022-03-04"),
    # the note's act is the clause before ";", even when the parser makes the next one the root
    ("On 6 April 2021, gunmen abducted a chief near Ikom; he was released the next day.", None, "2021-04-06"),
    ("JUBA, March 9 (EVS) — Cattle raiders attacked a village in Jonglei on Monday; 14 people were killed.",
     "2022-03-09", "2022-03-07"),
    ("Soldiers raided a market in Kidal on 12 June 2020; two traders were arrested and a shop was looted.",
     None, "2020-06-12"),
    # the trailing date of "[act] [place] on [date]", whatever the parser hangs it on
    ("Police fired tear gas at students marching against fee rises in Kampala on 8 October 2019.",
     None, "2019-10-08"),
    ("Troops shelled positions held by rebels in the hills above Bunia on 3 April 2021.", None, "2021-04-03"),
    ("Protesters burned tyres and blocked the main road into Tegucigalpa on 26 May 2022.", None, "2022-05-26"),
    ("Militiamen looted a clinic in Djugu, where several houses were set alight on 2 July 2020.",
     None, "2020-07-02"),
    # ... but not a statement's date
    ("Relatives of a pastor shot dead on 9 June 2021 said on 14 June 2021 that police had arrested a "
     "suspect.", None, None),
    # an opening date after a time of day
    ("On the night of 4 January 2020, gunmen attacked a church in Kafanchan.", None, "2020-01-04"),
    ("At dawn on 19 August 2021, jihadists stormed an army post near Boni.", None, "2021-08-19"),
    ("In the early hours of 9 May 2022, a drone struck a fuel depot outside Kherson.", None, "2022-05-09"),
    ("Shortly after midnight on 2 June 2019, militants fired rockets at an airbase near Kandahar.",
     None, "2019-06-02"),
    # a day counted from the statement's date, not the statement's own
    ("In a statement on 11 March 2021, the army said soldiers had killed six insurgents near Mocímboa da "
     "Praia the previous day.", None, "2021-03-10"),
    ("Police said on 3 July 2020 that gunmen had abducted a priest in Kaduna two days earlier.",
     None, "2020-07-01"),
    # the act's date before a trailing attribution with a date of its own
    ("Gunmen killed a village chief in Ngaoundal on Friday night, officials said on Sunday.",
     "2021-05-10", "2021-05-07"),
    # a dateline whose place has a hyphen: neither a sentence of its own nor the act's date
    ("SAINT-DENIS, May 4 (EVS) — Gang members burned a bus in Le Port, on the west coast, on 2 May, "
     "police said.", "2021-05-04", "2021-05-02"),
    ("PORT-LOUIS, Feb 2 (EVS) — Protesters blocked the motorway near the capital on Monday.",
     "2021-02-02", "2021-02-01"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,pub,gold", NOTES)
def test_the_note_dates_its_act(date_note, text, pub, gold):
    when, precision, found = date_note(text, pub)
    assert (when if precision == "day" else None) == gold, found


@pytest.mark.parametrize("text,first,offset_days", [
    ("It happened the previous night.", "the previous night", -1),
    ("Troops had left three days earlier.", "three days earlier", -3),
    ("He was freed a week later, officials said.", "a week later", 7),
    ("They were found the day before.", "the day before", -1),
])
def test_anchored_days_count_from_the_date_before_them(text, first, offset_days):
    from datetime import date, timedelta

    from eventscope.time.expressions import find_dates

    found = find_dates("On 10 May 2021 police spoke. " + text, None)
    anchored = [t for t in found if t.text == first]
    assert anchored and anchored[0].date == (date(2021, 5, 10) + timedelta(days=offset_days)).isoformat()


def test_an_anchored_day_without_a_date_before_it_stays_unresolved():
    from eventscope.time.expressions import find_dates

    found = find_dates("Two days later, police arrested the driver.", None)
    assert [t.date for t in found if t.text == "Two days later"] == [None]


def test_the_day_before_an_event_is_no_anchored_day():
    from eventscope.time.expressions import find_dates

    assert not [t for t in find_dates("On 3 May 2021, they met the day before the election.", None)
                if "day before" in t.text]
