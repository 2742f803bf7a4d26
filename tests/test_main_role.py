"""The role an actor's index row shows: the one most sources state, a courtesy title last."""

from __future__ import annotations

from builder.model import Actor, Role, Span
from builder.publish.views import main_role


def _role(title: str, sources: int) -> Role:
    span = Span("a", 0, 10, f"{title} X said.")
    return Role(title, span, sources=tuple(span for _ in range(sources)))


def test_the_role_most_sources_state_is_the_main_one_and_a_courtesy_title_gives_way():
    actor = Actor(
        "x", "Ana Lund", "person", roles=(_role("Dr.", 3), _role("surgeon", 1), _role("chief surgeon", 2))
    )
    assert main_role(actor) == "chief surgeon"
    assert main_role(Actor("y", "Ana Lund", "person", roles=(_role("Dr.", 1),))) == "Dr."
    tie = Actor("z", "Ana Lund", "person", roles=(_role("mayor", 1), _role("governor", 1)))
    assert main_role(tie) == "mayor"  # on a tie, the first stated
    assert main_role(Actor("w", "Lund", "person")) is None
