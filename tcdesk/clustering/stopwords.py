"""Words that never explain a group: function words of English, French and Spanish, and the verbs of a recommendation.

Written for this project (no third-party list is shipped). Words are listed as the tokenizer leaves them:
lower case, accents folded, so French "à" and "a" are the same entry. One union of the three languages is
used for every text, because one country's list often mixes them and per-text language detection would
cost more than it brings.

``BOILERPLATE`` is the phrasing that every UN recommendation shares ("take further measures to ensure",
"redoubler d'efforts", "seguir adoptando medidas"): it says how strongly something is recommended, never
what about. Left in, it pulls "continue its efforts to …" texts together whatever their subject; the
benchmark (docs/performance.md, "Assisted clustering") measures the difference.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH = frozenset(
    _words(
        """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either else etc few for from further had
    has have having he her here hers herself him himself his how however i if in into is it its itself just
    let may me might more most must my myself neither no nor not now of off on once only or other others
    otherwise our ours ourselves out over own per same shall she should since so some such than that the
    their theirs them themselves then there therefore these they this those though through thus to too under
    until up upon us very via was we were what when where whereas whether which while who whom whose why will
    with within without would yet you your yours yourself yourselves one two three
    """
    )
)

FRENCH = frozenset(
    _words(
        """
    a afin ai aient ainsi alors au aucun aucune aupres auquel aussi autre autres aux avaient avait avant avec
    avoir ayant c ca car ce ceci cela celle celles celui cependant certain certaines certains ces cet cette ceux
    chacun chaque comme d dans de depuis des desquelles desquels dont du duquel elle elles en encore entre est
    et etaient etait ete etre eu eux il ils j l la laquelle le lequel les lesquelles lesquels leur leurs lors
    lui m ma mais me meme memes mes moi mon n ne ni non nos notre nous on ont or ou par parmi pas pendant peu
    peut peuvent plus plusieurs pour pourrait pourraient qu quand que quel quelle quelles quels qui quoi s sa
    sans se selon ses si sien soi soient soit son sont sous suis sur t ta te tel telle telles tels tes toi ton
    tous tout toute toutes tres tu un une unes uns vers via vos votre vous y
    """
    )
)

SPANISH = frozenset(
    _words(
        """
    a al algo algun alguna algunas alguno algunos ante antes aquel aquella aquellas aquellos aqui asi aun aunque
    cada como con contra cual cuales cualquier cuando de del desde donde dos e el ella ellas ello ellos en entre
    era eran es esa esas ese eso esos esta estaba estaban estado estan estar estas este esto estos fue fueron ha
    hacia han hasta hay la las le les lo los mas me mediante mi mis mismo misma mismas mismos muy ni no nos
    nosotros nuestra nuestras nuestro nuestros o otra otras otro otros para pero por porque que quien quienes
    se sea sean segun ser si sido siempre sin sino sobre su sus tal tambien tan tanto te tiene tienen todo toda
    todas todos tras tu tus u un una unas uno unos usted ustedes y ya
    """
    )
)

BOILERPLATE = frozenset(
    _words(
        """
    accelerate achieve action actions activities activity adopt adopted adopting address addressing adequate
    adequately all appropriate assure avenue available best bring carry carried consider considering
    consolidate continue continuing could country countries current currently develop developed developing
    effective effectively effort efforts enhance enhanced ensure ensuring establish established establishing
    existing expedite extent full fully further give guarantee implement implementation implemented
    implementing improve improving include including increase increasing intensify issue issues keep maintain
    make making matter means measure measures necessary need needed new particular particularly possible
    practical priority promote promoting provide provided providing pursue put recommend recommendation
    recommendations regard regarding relevant remain request seek step steps strengthen strengthening
    support take taking undertake upgrade use view way ways
    accordance allocate combat comprehensive eliminate eliminating extend line protect recognise recognize
    reduce respect sufficient
    accelerer adopter adoption afin appliquer assurer continuer developper efforts effort envisager garantir
    intensifier mesure mesures mettre mise nouvelles oeuvre poursuivre prendre promouvoir redoubler renforcer
    soutenir veiller
    adoptar adopte asegurar continuar desarrollar esfuerzo esfuerzos fortalecer garantizar intensificar medida
    medidas poner practica promover redoblar seguir velar adoptando asegurando continuando desarrollando
    fortaleciendo garantizando intensificando promoviendo redoblando
    """
    )
)

STOP_WORDS: frozenset[str] = ENGLISH | FRENCH | SPANISH

# A phrase may run across "of the" ("rights of the child") but not across "and": "children and persons"
# is two topics side by side, not one.
CONJUNCTIONS = frozenset(_words("and or nor but et ou ni mais y e o u pero sino"))
