"""The GitHub Actions workflows and the repository's GitHub files: valid against GitHub's schemas, clean under
zizmor, running exactly the README's Make targets, deploying and releasing only what passed, granting a fork
nothing, every action pinned by commit and none of them on a Node 20 version that has a Node 24 successor."""

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
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v(\d+)\.(\d+)\.(\d+)\s*$")

# The first release of each action that runs on Node 24 (`runs.using: node24` in the tag's action.yml); for
# actions/upload-pages-artifact, a composite action, the first whose inner actions/upload-artifact is pinned by
# commit and on Node 24 (v4.0.0 pins upload-artifact v4.6.2, on Node 20; v5.0.0 pins v7.0.0). Every version
# below these declares Node 20 (or calls upload-artifact@v4 by tag: upload-pages-artifact v3.x).
NODE24_SINCE = {
    "actions/checkout": (5, 0, 0),
    "actions/setup-python": (6, 0, 0),
    "actions/upload-artifact": (6, 0, 0),
    "actions/download-artifact": (7, 0, 0),
    "actions/deploy-pages": (5, 0, 0),
    "actions/upload-pages-artifact": (5, 0, 0),
}
# Actions with no release on Node 24 yet (checked 2026-11-28): the newest release, which the workflows use.
NO_NODE24_RELEASE = {
    "actions/configure-pages": (5, 0, 0),
}
# The Make targets of the release workflow that the Makefile does not define yet; test_the_release_targets_are_
# defined fails once they are, as a reminder to empty this set.
RELEASE_TARGETS_TO_COME: set[str] = set()


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


def pinned_actions() -> list[tuple[str, str, tuple[int, int, int]]]:
    """(workflow, action, version) of every `uses:` line."""
    out = []
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = PINNED.match(line)
            if m:
                out.append((path.name, m.group(1), tuple(int(m.group(i)) for i in (3, 4, 5))))
    return out


def filter_pattern(pattern: str) -> re.Pattern:
    """GitHub's filter pattern for tags as a regex (the part used here: `[...]`, `+`, `*` and literal
    characters; the pattern matches the whole tag)."""
    out = ""
    for token in re.findall(r"\[[^]]*\]|.", pattern):
        if token.startswith("["):
            out += token
        elif token == "+":
            out += "+"
        elif token == "*":
            out += "[^/]*"
        elif token in "?!":
            raise ValueError(f"filter pattern {pattern!r}: {token!r} is not read here")
        else:
            out += re.escape(token)
    return re.compile(out)


def test_the_three_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["check.yml", "publish.yml", "release.yml"]


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
    """Every job that checks out the repository runs only Make targets the README documents (the release's PDF
    and EPUB targets are still to come); the release job, which checks out nothing, runs no Make target."""
    documented = readme_targets()
    for path in WORKFLOWS:
        wf = load(path)
        commands = run_commands(wf)
        assert commands, path.name
        for job_id, command in commands:
            checks_out = any(s.get("uses", "").startswith("actions/checkout@") for s in wf["jobs"][job_id]["steps"])
            m = re.fullmatch(r"make ([a-z][a-z0-9-]*)", command.strip())
            if checks_out:
                allowed = documented | (RELEASE_TARGETS_TO_COME if path.name == "release.yml" else set())
                assert m and m.group(1) in allowed, f"{path.name} job {job_id} runs {command!r}"
            else:
                assert (path.name, job_id) == ("release.yml", "release"), (path.name, job_id)
                assert not re.search(r"\bmake\b", command), f"{path.name} job {job_id} runs {command!r}"
    assert ("test", "make test") in run_commands(workflow("check.yml"))
    assert [c for _, c in run_commands(workflow("publish.yml"))] == ["make test", "make build"]
    assert [c for j, c in run_commands(workflow("release.yml")) if j == "build"] == [
        "make test", "make build", "make pdf", "make epub"]


def test_make_installs_the_browsers_the_package_drives():
    """The Makefile's browsers, the packages its targets install and the targets the package names are those of
    `schenk_edition.tools.browser`, so that `make test` and `make budget` install what they run."""
    from schenk_edition.tools import browser

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for name, wanted in (("HEADLESS_CHROMIUM", browser.HEADLESS), ("READER_CHROMIUM", browser.READER)):
        assert re.search(rf"^{name} := (\S+)$", makefile, re.M).group(1) == str(wanted.path), name
        recipe = re.search(rf"^{wanted.target}:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
        assert f'"$${{CHROMIUM:-$({name})}}"' in recipe, recipe
        assert re.findall(r"apt-get install -y ([\w-]+)", recipe) == [wanted.package], recipe
    assert re.search(r"^budget: .*\bbudget-deps\b", makefile, re.M)
    assert re.search(r"^\t\$\(MAKE\) .*\bbrowser-deps\b", makefile, re.M)  # make test's prerequisites
    for path in WORKFLOWS:  # GitHub's Ubuntu runners have no Debian package: their Chrome, named in the workflow
        if "make test" in [c for _, c in run_commands(load(path))]:
            assert "CHROMIUM: /usr/bin/google-chrome" in path.read_text(encoding="utf-8"), path.name


def test_a_missing_browser_says_what_to_do(monkeypatch, tmp_path):
    """No browser: one message naming the Make target and the Debian package; a CHROMIUM that names nothing: one
    message saying so (`make …-deps` installs nothing while CHROMIUM is set)."""
    from schenk_edition.tools import browser

    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-chrome"))
    said = browser.missing(browser.READER)
    assert said.startswith(f"CHROMIUM={tmp_path / 'no-chrome'} does not exist") and "budget-deps" in said
    monkeypatch.setenv("CHROMIUM", str(ROOT / "Makefile"))  # a file that exists
    assert browser.missing() is None and browser.executable() == ROOT / "Makefile"
    monkeypatch.delenv("CHROMIUM")
    monkeypatch.setattr(browser, "HEADLESS", browser.Browser("chromium-headless-shell", tmp_path / "none",
                                                             "browser-deps"))
    said = browser.missing(browser.HEADLESS)
    assert said.startswith(f"{tmp_path / 'none'} is missing: run `make browser-deps`") and \
        "chromium-headless-shell" in said


def test_the_release_targets_are_defined():
    assert not RELEASE_TARGETS_TO_COME & readme_targets()
    assert {"pdf", "epub"} <= readme_targets()


def test_every_action_is_pinned_by_commit_with_its_version():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(?:-\s+)?uses:", line):
                assert PINNED.match(line), f"{path.name}: {line.strip()}"
    assert pinned_actions()


def test_no_action_runs_on_a_node_20_version_that_has_a_node_24_successor():
    """Each action is at or past its first Node 24 release; an action without one is listed, at its newest
    release. A new action must be added to one of the two tables, so its runtime is checked, not assumed."""
    for name, action, version in pinned_actions():
        if action in NO_NODE24_RELEASE:
            assert version == NO_NODE24_RELEASE[action], (name, action, version)
            continue
        assert action in NODE24_SINCE, f"{name}: {action} is in neither table"
        assert version >= NODE24_SINCE[action], f"{name}: {action} v{'.'.join(map(str, version))} runs on Node 20"
    assert not NODE24_SINCE.keys() & NO_NODE24_RELEASE.keys()


def test_one_action_one_version_across_the_workflows():
    seen: dict[str, set] = {}
    for line in (l for p in WORKFLOWS for l in p.read_text(encoding="utf-8").splitlines()):
        m = PINNED.match(line)
        if m:
            seen.setdefault(m.group(1), set()).add((m.group(2), m.group(3, 4, 5)))
    assert seen and all(len(pins) == 1 for pins in seen.values()), seen


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
    """The pip cache speeds up checks and publishing; a release builds without any cache, so that nothing a
    run of another ref wrote to the cache reaches the released files (zizmor's cache-poisoning rule)."""
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/setup-python@"):
                    if path.name == "release.yml":
                        assert "cache" not in step["with"] and "cache-dependency-path" not in step["with"]
                    else:
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


def test_the_release_runs_on_semantic_version_tags_only():
    wf = workflow("release.yml")
    assert triggers(wf) == {"push"}
    assert set(wf["on"]["push"]) == {"tags"}  # no branch pushes, no paths filter
    patterns = [filter_pattern(p) for p in wf["on"]["push"]["tags"]]
    def released(tag: str) -> bool:
        return any(p.fullmatch(tag) for p in patterns)
    for tag in ["v1.0.0", "v0.1.0", "v1.2.3", "v12.30.456"]:
        assert released(tag), tag
    for tag in ["v1.0", "v1", "1.0.0", "v1.0.0-rc1", "v1.0.0.1", "va.b.c", "v1.0.x", "release-1.0.0", "v1.0.0/x"]:
        assert not released(tag), tag
    assert wf["concurrency"]["cancel-in-progress"] is False


def test_only_the_release_job_may_write_and_it_needs_the_tested_build():
    writers = {(path.name, job_id): perms for path in WORKFLOWS for job_id, job in load(path)["jobs"].items()
               for perms in [job.get("permissions", {})] if "write" in perms.values()}
    assert writers == {("publish.yml", "deploy"): {"pages": "write", "id-token": "write"},
                       ("release.yml", "release"): {"contents": "write"}}
    wf = workflow("release.yml")
    assert wf["permissions"] == {}
    assert wf["jobs"]["build"]["permissions"] == {"contents": "read"}
    release = wf["jobs"]["release"]
    assert release["needs"] in ("build", ["build"])
    # the writing job checks out nothing and runs no code of the repository: it downloads what the build
    # job made, and only its own step that creates the release sees the token
    uses = [s["uses"].split("@")[0] for s in release["steps"] if "uses" in s]
    assert uses == ["actions/download-artifact"]
    with_token = [s.get("name") for s in release["steps"] if "GH_TOKEN" in s.get("env", {})]
    assert len(with_token) == 1 and "gh release create" in release["steps"][-1]["run"]
    assert release["steps"][-1].get("name") == with_token[0]
    uploaded = [s for s in wf["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploaded) == 1 and uploaded[0]["with"]["name"] == release["steps"][0]["with"]["name"]
    assert uploaded[0]["with"]["if-no-files-found"] == "error"


def test_the_release_passes_values_to_its_scripts_through_the_environment():
    """zizmor's template-injection rule, stated for the release too: no `${{ }}` inside a run script."""
    for path in WORKFLOWS:
        for job_id, command in run_commands(load(path)):
            assert "${{" not in command, (path.name, job_id)
    release = workflow("release.yml")["jobs"]["release"]
    script = release["steps"][-1]["run"]
    assert '"$GITHUB_REF_NAME"' in script and "--notes-file release-notes.md" in script
    assert "--verify-tag" in script


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
