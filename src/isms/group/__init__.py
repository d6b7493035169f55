"""The group roll-up: many entities' ISMS repositories, each judged as of one day, in one group view.

Each entity is reduced to the figures its own JSON contracts carry (`isms metrics` and `isms check`
as JSON, ``isms.contracts``), whether it was evaluated here (`isms group build`, `fetch` + `rollup`)
or in its own CI job (`isms group merge`, `artefacts`): the group view never reads an entity's
evidence, and shows no finding text or evidence title, only numbers and rule ids.
"""
