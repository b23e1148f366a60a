"""The GitHub Actions workflows and the repository's GitHub files: valid against GitHub's schemas, clean under
zizmor, running exactly the README's Make targets, deploying only what passed, granting a fork nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


def triggers(wf: dict) -> set[str]:
    on = wf["on"]
    return {on} if isinstance(on, str) else set(on)


def readme_targets() -> set[str]:
    """The Make targets the README documents (`make test`, `make check`, …), each one a Makefile target."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"`make ([a-z][a-z0-9-]*)`", text))            # inline: `make check`
    targets |= set(re.findall(r"^make ([a-z][a-z0-9-]*)\b", text, re.M))  # the code block of two commands
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    defined = set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, re.M))
    assert targets and targets <= defined, (targets, defined)
    return targets


def run_commands(wf: dict) -> list[tuple[str, str]]:
    return [(job_id, step["run"]) for job_id, job in wf["jobs"].items() for step in job.get("steps", [])
            if "run" in step]


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def test_the_two_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["check.yml", "publish.yml"]


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_match_githubs_schema(schema):
    result = check_jsonschema(schema, WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_match_githubs_schema():
    forms = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
    assert len(forms) == 3
    result = check_jsonschema("vendor.github-issue-forms", forms)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--min-severity", "medium", "--format", "plain",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout, result.stdout


def test_workflows_run_only_the_readmes_make_targets():
    documented = readme_targets()
    for path in WORKFLOWS:
        commands = run_commands(load(path))
        assert commands, path.name
        for job_id, command in commands:
            m = re.fullmatch(r"make ([a-z][a-z0-9-]*)", command.strip())
            assert m and m.group(1) in documented, f"{path.name} job {job_id} runs {command!r}"
    assert ("test", "make test") in run_commands(workflow("check.yml"))
    assert [c for _, c in run_commands(workflow("publish.yml"))] == ["make test", "make build"]


def test_every_action_is_pinned_by_commit_with_its_version():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(?:-\s+)?uses:", line):
                assert PINNED.match(line), f"{path.name}: {line.strip()}"


def test_permissions_start_empty_and_every_job_has_a_timeout():
    for path in WORKFLOWS:
        wf = load(path)
        assert wf["permissions"] == {}, path.name
        for job_id, job in wf["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), (path.name, job_id)
            assert "permissions" in job, (path.name, job_id)


def test_checkout_keeps_no_credentials_and_the_whole_history():
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
                    assert step["with"]["fetch-depth"] == 0  # the date of last change comes from git


def test_python_is_set_up_with_the_pip_cache_of_the_pinned_requirements():
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/setup-python@"):
                    assert step["with"]["cache"] == "pip"
                    assert step["with"]["cache-dependency-path"] == "requirements.txt"


def test_deploy_needs_the_tested_job_and_alone_may_write_pages():
    wf = workflow("publish.yml")
    assert triggers(wf) == {"push", "workflow_dispatch"}
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    tested = [job_id for job_id, command in run_commands(wf) if command == "make test"]
    assert tested == ["test"]
    deploy = wf["jobs"]["deploy"]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert "test" in needs
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in deploy["steps"]]
    assert "actions/deploy-pages" in uses
    # the uploaded site is the one built by `make build` after `make test`, in the tested job
    steps = wf["jobs"]["test"]["steps"]
    order = [s.get("run") or s.get("uses", "").split("@")[0] for s in steps]
    assert order.index("make test") < order.index("make build") < order.index("actions/upload-pages-artifact")
    for path in WORKFLOWS:
        for job_id, job in load(path)["jobs"].items():
            if (path.name, job_id) != ("publish.yml", "deploy"):
                perms = job.get("permissions", {})
                assert "pages" not in perms and "id-token" not in perms, (path.name, job_id)


def test_a_forks_pull_request_gets_no_secret_and_no_write_permission():
    for path in WORKFLOWS:
        wf = load(path)
        events = triggers(wf)
        assert not events & {"pull_request_target", "workflow_run"}, path.name
        if "pull_request" not in events:
            continue
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        for job_id, job in wf["jobs"].items():
            assert all(v in ("read", "none") for v in job["permissions"].values()), (path.name, job_id)


def test_the_check_workflow_uploads_the_built_site_for_review():
    steps = workflow("check.yml")["jobs"]["test"]["steps"]
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "site/"


def test_citation_file_matches_the_cff_schema():
    result = check_jsonschema("vendor.citation-file-format", [ROOT / "CITATION.cff"])
    assert result.returncode == 0, result.stdout + result.stderr
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    report = cff["preferred-citation"]
    assert report["authors"] == [{"family-names": "Schenk", "given-names": "Anett"}]
    assert report["isbn"] == "978-91-7623-582-9"  # as in bibliography/referenser.bib, schenk2015
