"""Stage 5: render the composed briefing as HTML (Jinja2), PDF (WeasyPrint) and JSON.

Article text is untrusted. Jinja2 escapes every value (autoescape on, strict undefined), and the
PDF renderer's URL fetcher serves only files inside our own template folders: no network, no
file:// elsewhere, no redirects, whatever the article text contains.
"""

from __future__ import annotations

import contextlib
import json
import logging
import mimetypes
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

from briefing.config import Config
from briefing.errors import RenderError
from briefing.models import Briefing

log = logging.getLogger(__name__)

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "theme"
ENTRY_TEMPLATE = "briefing.html.j2"
RENDER_TIMEOUT_SECONDS = 300


def template_environment(config: Config) -> jinja2.Environment:
    """User templates first, then the built-in theme; `default:` always names the built-in one."""
    builtin = jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"default": builtin}, delimiter=":")]
    user_dir = config.templates_dir
    if user_dir.is_dir() and user_dir.resolve() != BUILTIN_TEMPLATES.resolve():
        loaders.insert(0, jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(builtin)
    environment = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment


def asset_roots(config: Config) -> list[Path]:
    return [p for p in (config.templates_dir, BUILTIN_TEMPLATES) if p.is_dir()]


def render_html(briefing: Briefing, config: Config) -> str:
    try:
        template = template_environment(config).get_template(ENTRY_TEMPLATE)
        return template.render(briefing=briefing, labels=config.labels)
    except jinja2.TemplateError as err:
        where = f" ({err.filename}, line {err.lineno})" if getattr(err, "lineno", None) else ""
        raise RenderError(f"template error{where}: {err.message if hasattr(err, 'message') else err}") from err


def render_pdf(html: str, config: Config, timeout: int = RENDER_TIMEOUT_SECONDS) -> bytes:
    """Lay out the HTML as a PDF with a fetcher that serves only our own template assets."""
    import weasyprint  # imported here: it costs a third of a second and only PDF output needs it

    fetcher = asset_only_fetcher(asset_roots(config))  # fresh per render: 70.0 replays rejected redirects
    base = asset_roots(config)[0].resolve().as_uri() + "/"
    with _time_limit(timeout):
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
        pdf = document.write_pdf(pdf_variant=None, presentational_hints=False)
    if fetcher.refused:
        log.warning("refused %d resource request(s) while rendering: %s", len(fetcher.refused),
                    ", ".join(fetcher.refused[:5]))
    return pdf


def asset_only_fetcher(roots: list[Path]):
    """A fresh WeasyPrint URL fetcher that serves only files under ``roots``, and data: URLs.

    Everything else (http, ftp, file:// outside the roots, ``..``, percent-encoded traversal,
    symlinks leading out, non-local hosts) is refused and recorded in ``refused``. Redirects are
    never followed.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(timeout=5, allowed_protocols={"file", "data"}, allow_redirects=False,
                             fail_on_errors=False)
            self.roots = [root.resolve() for root in roots]
            self.refused: list[str] = []

        def fetch(self, url: str, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            path = self._local_path(url) if scheme == "file" else None
            if path is None:
                self.refused.append(url[:200])
                raise ValueError(f"refused to fetch {url[:200]!r}: only the template folder's own files are served")
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(url, body=path.read_bytes(),
                                      headers={"Content-Type": mime or "application/octet-stream"})

        def _local_path(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                return None
            raw = unquote(parts.path)
            if "\x00" in raw or ".." in raw.replace("\\", "/").split("/"):
                return None
            try:
                resolved = Path(raw).resolve(strict=True)  # follows symlinks: a link out of the root is refused
            except (OSError, RuntimeError):
                return None
            if not resolved.is_file() or not any(resolved.is_relative_to(root) for root in self.roots):
                return None
            return resolved

    return AssetOnlyFetcher()


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Abort a runaway render (SIGALRM, main thread on POSIX only; elsewhere no limit is applied)."""
    usable = hasattr(signal, "SIGALRM") and seconds > 0
    try:
        usable = usable and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None, signal.default_int_handler)
    except ValueError:
        usable = False

    def expire(signum, frame):  # noqa: ARG001
        raise RenderError(f"PDF rendering took longer than {seconds} s and was stopped")

    if not usable:
        yield
        return
    try:
        previous = signal.signal(signal.SIGALRM, expire)
    except ValueError:  # not in the main thread
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside ``path`` and rename it: a killed run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def render_json(briefing: Briefing) -> str:
    from briefing.jsonout import briefing_to_dict

    return json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2)
