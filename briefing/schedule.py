"""Weekly scheduling: a crontab line and a systemd user service + timer for this exact command and paths.

The crontab is edited with python-crontab (never by rewriting crontab text by hand); each entry is
tagged with a comment naming the configuration file, so that --install replaces it and --remove
finds it.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from briefing.config import Config

DAYS = {"MON": ("1", "Mon"), "TUE": ("2", "Tue"), "WED": ("3", "Wed"), "THU": ("4", "Thu"), "FRI": ("5", "Fri"),
        "SAT": ("6", "Sat"), "SUN": ("0", "Sun")}
WHEN = re.compile(r"^(?P<day>[A-Za-z]{3})[a-z]*\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})$")


class ScheduleError(ValueError):
    """A schedule that cannot be understood."""


@dataclass(frozen=True)
class Schedule:
    command: str
    cron_line: str
    cron_comment: str
    minute: str
    hour: str
    day_of_week: str
    unit_name: str
    service_unit: str
    timer_unit: str


def plan(config_path: Path, config: Config, when: str, executable: Path) -> Schedule:
    """The weekly run of `build --week last` for ``config_path`` at ``when`` ("MON 07:00")."""
    match = WHEN.match(when.strip())
    if not match or match["day"].upper() not in DAYS:
        raise ScheduleError(f"{when!r}: give a day and a time, e.g. \"MON 07:00\"")
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        raise ScheduleError(f"{when!r}: {hour:02d}:{minute:02d} is not a time of day")
    cron_day, systemd_day = DAYS[match["day"].upper()]
    workdir = config_path.parent
    log = config.output_dir / "cron.log"
    command = (f"cd {shlex.quote(str(workdir))} && {shlex.quote(str(executable))} --quiet build "
               f"--config {shlex.quote(str(config_path))} --week last")
    tag = hashlib.sha256(str(config_path).encode()).hexdigest()[:10]
    comment = f"briefing {tag} {config_path}"
    cron_line = f"{minute} {hour} * * {cron_day} {command} >> {shlex.quote(str(log))} 2>&1 # {comment}"
    unit = f"briefing-{re.sub(r'[^a-z0-9]+', '-', workdir.name.lower()).strip('-') or 'run'}-{tag[:6]}"
    service = "\n".join([
        "[Unit]",
        f"Description=Weekly briefing for {config_path}",
        "",
        "[Service]",
        "Type=oneshot",
        f"WorkingDirectory={workdir}",
        f"ExecStart={executable} --quiet build --config {config_path} --week last",
        "",
    ])
    timer = "\n".join([
        "[Unit]",
        f"Description=Run {unit}.service every {systemd_day} at {hour:02d}:{minute:02d}",
        "",
        "[Timer]",
        f"OnCalendar={systemd_day} *-*-* {hour:02d}:{minute:02d}:00",
        "Persistent=true",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ])
    return Schedule(command + f" >> {shlex.quote(str(log))} 2>&1", cron_line, comment, str(minute), str(hour),
                    cron_day, unit, service, timer)


def _crontab(crontab_file: Path | None):
    from crontab import CronTab

    if crontab_file is not None:
        if not crontab_file.exists():
            crontab_file.write_text("", encoding="utf-8")
        return CronTab(tabfile=str(crontab_file))
    return CronTab(user=True)


def install_cron(schedule: Schedule, crontab_file: Path | None = None) -> None:
    """Add the entry to the user's crontab, replacing an earlier one for the same configuration."""
    tab = _crontab(crontab_file)
    tab.remove_all(comment=schedule.cron_comment)
    job = tab.new(command=schedule.command, comment=schedule.cron_comment)
    job.setall(f"{schedule.minute} {schedule.hour} * * {schedule.day_of_week}")
    tab.write()


def remove_cron(schedule: Schedule, crontab_file: Path | None = None) -> int:
    """Remove this configuration's entries; return how many there were."""
    tab = _crontab(crontab_file)
    count = len(list(tab.find_comment(schedule.cron_comment)))
    tab.remove_all(comment=schedule.cron_comment)
    tab.write()
    return count
