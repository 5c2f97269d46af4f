"""Build, check and rehearse the release of both distributions: ``tpuf-emulator`` (the emulator, root
pyproject.toml) and ``turbopuffer-openapi-client`` (the generated client, generated/).

    python scripts/release.py build      # make build: changelogs, sdists + wheels, twine check, each
                                         #   wheel smoke-tested in a fresh virtualenv
    python scripts/release.py rehearse   # make rehearse-release (part of make test): upload dist/ to a
                                         #   local package index, install both from it into a fresh
                                         #   venv, run examples/user-project's tests there

Artifacts land in dist/emulator/ and dist/client/ (what `make publish` uploads); logs of every step in
build/release/ (a failing step prints the end of its log).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from distribution.building import build_distribution, check_version_and_changelog  # noqa: E402
from distribution.local_index import listed_files, local_index  # noqa: E402
from distribution.packages import ROOT, Distribution, both, client, emulator  # noqa: E402
from distribution.processes import free_port, serving  # noqa: E402
from distribution.smoke import CLIENT, EMULATOR, SMOKE_API_KEY  # noqa: E402
from distribution.steps import run_step  # noqa: E402
from distribution.venvs import fresh_venv, installed_from, pip_install, user_env  # noqa: E402

LOGS = ROOT / "build" / "release"
USER_PROJECT = ROOT / "examples" / "user-project"


@contextmanager
def emulator_from(venv_python: Path) -> Iterator[str]:
    """The ``tpuf-emulator`` command installed in ``venv_python``'s venv, on a free port; yields its URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command: list[str | Path] = [
        venv_python.parent / "tpuf-emulator", "--host", "127.0.0.1", "--port", str(port),
        "--api-key", SMOKE_API_KEY,
    ]  # fmt: skip
    with serving(
        "tpuf-emulator from the fresh venv",
        command,
        ready_url=f"{base_url}/v1/namespaces",
        headers={"Authorization": f"Bearer {SMOKE_API_KEY}"},
        log=LOGS / "smoke-emulator-server.log",
        env=user_env(venv_python),
    ):
        yield base_url


def build() -> None:
    dists = both()
    for dist in dists:
        check_version_and_changelog(dist)
    for dist in dists:
        build_distribution(dist, LOGS)
    emu, cli = emulator(), client()
    with tempfile.TemporaryDirectory(prefix="tpuf-wheel-smoke-") as tmp:
        work = Path(tmp)
        emu_python = fresh_venv(work / "emulator-venv")
        pip_install(emu_python, f"install {emu.wheel().name} alone into a fresh venv", emu.wheel(),
                    log=LOGS / "smoke-install-emulator.log")  # fmt: skip
        installed_from(emu_python, emu.import_name, LOGS / "smoke-import-emulator.log")
        run_step("tpuf-emulator --help", [emu_python.parent / "tpuf-emulator", "--help"],
                 log=LOGS / "smoke-emulator-help.log", env=user_env(emu_python))  # fmt: skip
        cli_python = fresh_venv(work / "client-venv")
        pip_install(cli_python, f"install {cli.wheel().name} alone into another fresh venv", cli.wheel(),
                    log=LOGS / "smoke-install-client.log")  # fmt: skip
        installed_from(cli_python, cli.import_name, LOGS / "smoke-import-client.log")
        with emulator_from(emu_python) as base_url:
            run_step(
                "smoke-test the emulator wheel: BM25 with English stemming and stop words, ANN",
                [emu_python, "-c", EMULATOR, emu.version, base_url, SMOKE_API_KEY],
                log=LOGS / "smoke-emulator.log",
                env=user_env(emu_python),
                cwd=work,
            )
            client_env = {
                **user_env(cli_python),
                "TURBOPUFFER_BASE_URL": base_url,
                "TURBOPUFFER_API_KEY": SMOKE_API_KEY,
            }
            run_step(
                "smoke-test the client wheel against that emulator",
                [cli_python, "-c", CLIENT, cli.version],
                log=LOGS / "smoke-client.log",
                env=client_env,
                cwd=work,
            )
    for dist in dists:
        names = ", ".join(p.name for p in dist.artifacts())
        print(f"built, checked and smoke-tested: {names} in {dist.outdir.relative_to(ROOT)}/", flush=True)


def _pinned(dist: Distribution) -> str:
    return f"{dist.name}=={dist.version}"


def rehearse() -> None:
    dists = both()
    artifacts = [artifact for dist in dists for artifact in dist.artifacts()]
    with tempfile.TemporaryDirectory(prefix="tpuf-release-rehearsal-") as tmp:
        work = Path(tmp)
        packages = work / "packages"
        packages.mkdir()
        user_python = fresh_venv(work / "user-venv")
        with local_index(packages, LOGS / "local-index.log") as index:
            run_step(
                f"upload {len(artifacts)} files to the local index with twine",
                [sys.executable, "-m", "twine", "upload", "--non-interactive", "--disable-progress-bar",
                 "--repository-url", index, "--username", "rehearsal", "--password", "rehearsal", *artifacts],
                log=LOGS / "rehearsal-upload.log",
            )  # fmt: skip
            for dist in dists:
                listed = listed_files(index, dist.name)
                missing = {p.name for p in dist.artifacts()} - set(listed)
                if missing:
                    raise SystemExit(
                        f"the index does not list {sorted(missing)} for {dist.name}: it lists {listed}"
                    )
            pip_install(
                user_python,
                "install both releases from the local index only (no other index consulted)",
                "--no-deps", "--index-url", f"{index}simple/", *(_pinned(d) for d in dists),
                log=LOGS / "rehearsal-install-from-index.log",
                isolated=True,
            )  # fmt: skip
        project = work / "user-project"
        shutil.copytree(USER_PROJECT, project, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        pip_install(
            user_python,
            "install the user project's requirements (their dependencies from the machine's usual index)",
            "-r", project / "requirements.txt", *(_pinned(d) for d in dists),
            log=LOGS / "rehearsal-install-requirements.log",
        )  # fmt: skip
        for dist in dists:
            installed_from(user_python, dist.import_name, LOGS / f"rehearsal-import-{dist.short_name}.log")
        run_step(
            "run examples/user-project's tests in that venv (a copy, outside this checkout)",
            [user_python, "-m", "pytest", "-p", "no:cacheprovider"],
            log=LOGS / "rehearsal-user-project.log",
            env=user_env(user_python),
            cwd=project,
            show_output=True,
        )
    print(
        "release rehearsal passed: both distributions install from an index and serve a user's tests",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["build", "rehearse"])
    args = parser.parse_args(argv)
    started = time.monotonic()
    {"build": build, "rehearse": rehearse}[args.step]()
    print(f"release {args.step}: {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
