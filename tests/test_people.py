"""People named with their post in the 'Post, Name,' shape, in three languages, become post holdings."""

from __future__ import annotations

import pytest

from osce_kg.build import BuildOptions, build
from tests.conftest import FIXTURES

ID = "https://w3id.org/osce-kg/id/"


@pytest.mark.parametrize(("name", "person", "post"), [
    ("pr_en_sg.txt", "thomas-greminger", "secretary-general"),
    ("pr_fr_hcnm.txt", "kairat-abdrakhmanov", "high-commissioner-on-national-minorities"),
    ("pr_de_odihr.txt", "michael-georg-link", "director-of-the-office-for-democratic-institutions-and-human-rights"),
    ("pr_it_sg.txt", "helga-maria-schmid", "secretary-general"),
])
def test_post_comma_name(name, person, post):
    result = build(BuildOptions(paths=[str(FIXTURES / "people" / name)], out_dir=None))
    assert result.ok, result.validation.text()
    graph = result.sources[0].graph
    rows = result.graph.select(f"""PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?post WHERE {{ GRAPH <{graph}> {{ ?h a osce:PostHolding ; org:member <{ID}person/{person}> ;
                                                    osce:post ?post }} }}""")
    assert {r["post"] for r in rows} == {f"{ID}post/{post}"}
