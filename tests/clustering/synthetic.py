"""Three obvious topics, written for the tests: what any clustering worth shipping must separate."""

from __future__ import annotations

from tcdesk.clustering.model import Item

DEATH_PENALTY = [
    "Abolish the death penalty in law and in practice.",
    "Establish an official moratorium on executions with a view to abolishing the death penalty.",
    "Commute all death sentences to terms of imprisonment.",
    "Ratify the Second Optional Protocol to the Covenant, aiming at the abolition of the death penalty.",
    "Restrict the death penalty to the most serious crimes and never apply it to juvenile offenders.",
    "Reinstate the de facto moratorium on executions and commute the death sentences already handed down.",
    "Remove drug offences from the crimes punishable by the death penalty.",
    "Publish figures on death sentences and executions each year.",
]
GIRLS_EDUCATION = [
    "Ensure that girls have equal access to primary and secondary education.",
    "Reduce the school drop-out rate of girls, in particular in rural areas.",
    "Build schools in remote villages so that girls can attend secondary school close to home.",
    "Allow pregnant girls and young mothers to return to school and complete their education.",
    "Provide scholarships for girls in secondary and higher education.",
    "Make primary education free and compulsory for all girls and boys.",
    "Train female teachers and provide separate sanitation facilities for girls in schools.",
    "Remove gender stereotypes from school textbooks and encourage girls to study science.",
]
TORTURE_IN_PRISONS = [
    "Investigate all allegations of torture in prisons and detention centres.",
    "Improve conditions of detention and reduce overcrowding in prisons.",
    "Establish a national preventive mechanism against torture with access to all places of detention.",
    "Prosecute prison guards responsible for torture and ill-treatment of detainees.",
    "Criminalize torture in the Penal Code with penalties that match the gravity of the crime.",
    "Ensure that detainees have access to a doctor and a lawyer from the start of detention.",
    "Allow independent monitors to make unannounced visits to prisons and police cells.",
    "Exclude from trials any confession obtained under torture.",
]
TOPICS = {"death penalty": DEATH_PENALTY, "girls' education": GIRLS_EDUCATION, "torture": TORTURE_IN_PRISONS}


def items() -> tuple[list[Item], dict[str, str]]:
    """The 24 items (uids interleaved so that input order says nothing) and each uid's topic."""
    out, topic_of = [], {}
    for topic_number, (topic, texts) in enumerate(TOPICS.items()):
        for i, text in enumerate(texts):
            uid = f"{i:02d}-{topic_number}"
            out.append(Item(uid=uid, text=text))
            topic_of[uid] = topic
    return out, topic_of
