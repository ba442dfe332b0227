"""Benchmark: `ratchet lint` vs `squawk` over the same 1,000 PostgreSQL migrations, two corpora.

Run with the bench venv (`make bench-lint` installs squawk-cli there):
    .bench-venv/bin/python bench/lint_bench.py [--files 1000] [--runs 5] [--corpus generated|history|both]
The generated corpus holds one or two short statements per file; the history corpus is shaped
like real histories (header comments, several statements per file, PL/pgSQL functions, DO
blocks, policies). Prints the median wall time of each tool (whole process, as CI pays it; ratchet
keeps no cache, so every run is cold), the ratios, and whether the goal (within 2x of squawk) is
met on both.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 2.0
TEMPLATES = (
    "CREATE TABLE t{n} (\n  id bigserial PRIMARY KEY,\n  name text NOT NULL,\n"
    "  created_at timestamptz NOT NULL DEFAULT now()\n);\n",
    "ALTER TABLE t{p} ADD COLUMN note_{n} text;\n",
    "CREATE INDEX idx_t{p}_name_{n} ON t{p} (name);\n",
    "INSERT INTO t{p} (name) VALUES ('a{n}'), ('b{n}'), ('c{n}');\n",
    "ALTER TABLE t{p} ADD COLUMN flag_{n} boolean NOT NULL DEFAULT false;\nCOMMENT ON COLUMN t{p}.flag_{n} IS 'x';\n",
)


def generate(directory: Path, count: int) -> list[Path]:
    """The generated corpus: one short statement or two per file, five shapes."""
    paths = []
    for n in range(count):
        sql = TEMPLATES[0 if n < 5 else n % len(TEMPLATES)].format(n=n, p=n % 5)
        path = directory / f"1.{n}.0__change_{n}.sql"
        path.write_text(f"-- migration {n}\n\n{sql}", encoding="utf-8")
        paths.append(path)
    return paths


# A history shaped like real ones (written for this bench after the patterns of public Supabase,
# Rails-on-PostgreSQL and goose histories, not copied): groups of ten files around one table, with
# header comments, several statements per file, PL/pgSQL functions and triggers, DO blocks that
# guard types and constraints, row level security, backfills, views, seed rows.
HISTORY = (
    """-- Create the {t} table.
-- Affects: new table {t}; referenced by later migrations.
create table if not exists {t} (
  id bigint generated always as identity primary key,
  owner_id uuid not null,
  title text not null default '',
  body text,
  status varchar(20) not null default 'draft',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(){ref}
);

create index if not exists {t}_owner_id_idx on {t} (owner_id);
comment on table {t} is 'Items of group {g}; one row per item';

-- every table gets row level security
alter table {t} enable row level security;
""",
    """-- Policies for {t}: owners read and write their own rows.
create policy "{t} owners select" on {t} for select
  using (owner_id = current_setting('app.user_id', true)::uuid);
create policy "{t} owners insert" on {t} for insert
  with check (owner_id = current_setting('app.user_id', true)::uuid);
create policy "{t} owners update" on {t} for update
  using (owner_id = current_setting('app.user_id', true)::uuid);

grant select, insert, update on {t} to app_user;
""",
    """-- Keep updated_at current on {t}.
create or replace function {t}_touch() returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  -- keep the status lower case; ';' inside the body is not a statement end
  new.status := lower(new.status);
  return new;
end;
$$;

drop trigger if exists {t}_touch on {t};
create trigger {t}_touch before update on {t}
  for each row execute function {t}_touch();
""",
    """-- Priority as an enum, created only where it does not exist yet.
do $$
begin
  if not exists (select 1 from pg_type where typname = '{t}_priority') then
    create type {t}_priority as enum ('low', 'normal', 'high');
  end if;
end
$$;

alter table {t} add column if not exists priority {t}_priority;
""",
    """-- Archive flag and archived_at, backfilled from status.
alter table {t} add column archived boolean;
alter table {t} add column archived_at timestamptz;

update {t} set archived = (status = 'archived') where archived is null;

create index {t}_archived_idx on {t} (archived) where archived;
""",
    """/* Reporting view over {t}.
   Read by the dashboard; keep the column names stable. */
create or replace view {t}_summary as
  select owner_id,
         count(*) as items,
         count(*) filter (where status = 'published') as published,
         max(updated_at) as last_change
    from {t}
   group by owner_id;

comment on view {t}_summary is 'Per-owner counts of {t}';
""",
    """-- Titles must not be blank; added without a long lock where it is missing.
do $$
begin
  if not exists (
    select 1 from pg_constraint where conname = '{t}_title_present'
  ) then
    alter table {t} add constraint {t}_title_present check (length(title) > 0) not valid;
  end if;
end
$$;

alter table {t} validate constraint {t}_title_present;
""",
    """-- Seed the statuses used by the application.
create table if not exists {t}_statuses (
  name varchar(20) primary key,
  label text not null,
  position integer not null default 0
);

insert into {t}_statuses (name, label, position) values
  ('draft', 'Draft', 1),
  ('published', 'Published', 2),
  ('archived', 'Archived', 3)
on conflict (name) do nothing;
""",
    """-- Search helper used by the API (SQL function, security definer).
create or replace function {t}_search(term text)
returns table (id bigint, title text)
language sql stable security definer
set search_path = public
as $fn$
  select id, title from {t}
   where title ilike '%' || term || '%'
   order by updated_at desc
   limit 50;
$fn$;

grant execute on function {t}_search(text) to app_user;
""",
    """-- Track who published an item.
alter table {t} add column published_by uuid;
alter table {t} add column published_at timestamptz;

create index {t}_published_at_idx on {t} (published_at desc nulls last);
comment on column {t}.published_by is 'User who published the item (null while a draft)';
""",
)


def generate_history(directory: Path, count: int) -> list[Path]:
    """The real-history corpus: ``count`` files in groups of ten around one table each."""
    paths = []
    for n in range(count):
        group = n // len(HISTORY)
        table = f"items_{group}"
        ref = f",\n  parent_id bigint references items_{group - 1} (id)" if group else ""
        sql = HISTORY[n % len(HISTORY)].format(t=table, g=group, ref=ref)
        path = directory / f"{group + 1}.{n % len(HISTORY)}.0__step_{n}.sql"
        path.write_text(sql, encoding="utf-8")
        paths.append(path)
    return paths


CORPORA = {"generated": generate, "history": generate_history}


def timed(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU (user + system) time of each command. The runs are interleaved, each
    round starting with the next command, so that load changes and run order hit all alike."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    names = list(commands)
    for round_number in range(runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            samples[name].append((wall, cpu))
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in samples.items()
    }


def tool(name: str) -> str | None:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else shutil.which(name)


def compiled() -> None:
    """Byte-compile the ratchet that runs (users get bytecode from the wheel; with
    PYTHONDONTWRITEBYTECODE set, every run of an editable install would compile it again)."""
    found = subprocess.run(
        [sys.executable, "-c", "import ratchet, pathlib; print(pathlib.Path(ratchet.__file__).parent)"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode == 0:
        subprocess.run([sys.executable, "-m", "compileall", "-q", found.stdout.strip()], check=False)


def bench_corpus(name: str, directory: Path, files: int, runs: int, ratchet: str, squawk: str | None) -> float | None:
    """Time ratchet (cold: it keeps no cache) and squawk over one corpus; print the medians and
    return the ratio of wall times (the goal's measure: what CI waits for)."""
    directory.mkdir()
    paths = CORPORA[name](directory, files)
    command = [ratchet, "lint", "--dialect", "postgresql", "--format", "json", str(directory)]
    commands = {"ratchet": command, "ratchet --jobs 1": [*command, "--jobs", "1"]}
    if squawk is not None:
        commands["squawk"] = [squawk, *map(str, paths)]
    medians = timed(commands, runs)
    print(f"{name} corpus: {files} PostgreSQL files, medians over {runs} interleaved runs")
    for tool_name, (wall, cpu) in medians.items():
        print(f"  {tool_name:<17} wall {wall * 1000:6.0f} ms   cpu {cpu * 1000:6.0f} ms")
    if squawk is None:
        return None
    theirs = medians["squawk"]
    ratio = medians["ratchet"][0] / theirs[0]
    print(
        f"  ratio ratchet/squawk: wall {ratio:.2f}x (one process {medians['ratchet --jobs 1'][0] / theirs[0]:.2f}x), "
        f"cpu {medians['ratchet'][1] / theirs[1]:.2f}x"
    )
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", choices=[*CORPORA, "both"], default="both")
    args = parser.parse_args()
    ratchet, squawk = tool("ratchet"), tool("squawk")
    if ratchet is None:
        print("ratchet is not installed in this environment", file=sys.stderr)
        return 2
    if squawk is None:
        print("squawk not found (pip install squawk-cli, or `make bench`); no ratio", file=sys.stderr)
    compiled()
    names = list(CORPORA) if args.corpus == "both" else [args.corpus]
    ratios: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            ratios[name] = bench_corpus(name, Path(folder) / name, args.files, args.runs, ratchet, squawk)
    measured = {name: ratio for name, ratio in ratios.items() if ratio is not None}
    if measured:
        verdicts = ", ".join(f"{name} {ratio:.2f}x" for name, ratio in measured.items())
        met = all(ratio <= GOAL for ratio in measured.values())
        verdict = "met" if met else "NOT met"
        print(f"goal (within {GOAL:g}x of squawk in wall time, ratchet as users run it): {verdict} ({verdicts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
