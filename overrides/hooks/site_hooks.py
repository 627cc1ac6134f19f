"""MkDocs hooks: thin calls into sitebuild (front matter checks, interface strings, Pyodide runtime)."""
import mimetypes
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitebuild.language_switch import site_relative_alternates
from sitebuild.page_meta import PageMetaError, checked_meta
from sitebuild.runtime import RuntimeMissing, copy_runtime
from sitebuild.ui_strings import ui_string

# `mkdocs serve` must send .wasm as application/wasm, or WebAssembly streaming compilation fails.
mimetypes.add_type("application/wasm", ".wasm")


def on_env(env, config, files):
    env.globals["ui"] = ui_string
    return env


def on_page_markdown(markdown, page, config, files):
    try:
        page.meta.update(checked_meta(page.meta, page.file.src_uri))
    except PageMetaError as error:
        raise PluginError(str(error)) from None
    return markdown


@event_priority(-200)  # after mkdocs-static-i18n has set this page's language switcher
def on_page_context(context, page, config, nav):
    # static-i18n sets the attribute (not the mapping item), and the theme reads the attribute.
    config.extra.alternate = site_relative_alternates(getattr(config.extra, "alternate", None))
    return context


def on_post_build(config):
    # Runs once per language build; the copy skips files already in place, so it lands once.
    try:
        copy_runtime(Path(config.site_dir))
    except RuntimeMissing as error:
        raise PluginError(str(error)) from None
