"""MkDocs hooks: thin calls into sitebuild (front matter, interface strings, Pyodide runtime, wizard,
the offline copy)."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import normalize_url

from sitebuild import (
    a11y,
    coverage_page,
    download_page,
    download_size,
    embed,
    head_links,
    hosting,
    inline_scripts,
    not_found,
    offline_copy,
    policy_ends,
    precompress,
    release,
    rule_blocks,
    script_policy,
    search_index,
    service_worker,
    wizard_page,
)
from sitebuild.engine_wheel import LockUpdateFailed
from sitebuild.html_templates import TemplateValueMissing
from sitebuild.language_switch import site_relative_alternates
from sitebuild.languages import default_language
from sitebuild.page_meta import PageMetaError, checked_meta
from sitebuild.page_sources import load_registry, registry_problems, source_problems
from sitebuild.paths import WIZARD_ASSETS
from sitebuild.runtime import RuntimeMissing, copy_runtime
from sitebuild.ui_strings import ui_string
from wizard.tooling import changelog
from wizard.tooling.errors import RuleError

# `mkdocs serve` must send .wasm as application/wasm, or WebAssembly streaming compilation fails.
mimetypes.add_type("application/wasm", ".wasm")

log = logging.getLogger("mkdocs.hooks.wizard")

# The compiled rules, made once per build of the default language and reused by the other languages.
_bundle = {}
# "build" or "serve": under `mkdocs serve` no service worker is written, as it would hold back edits.
_command = {}


def _is_default_language_build(config) -> bool:
    return config.theme["language"] == default_language().code


def on_startup(command, dirty):
    _command["name"] = command


def on_config(config):
    try:
        release.check_site_url(config.site_url)
    except release.NotForRelease as error:
        raise PluginError(str(error)) from None
    if offline_copy.is_offline_build(config):
        offline_copy.use_local_shim(config)
    return config


def on_pre_build(config):
    problems = registry_problems(load_registry())
    if problems:  # a copy shown as a source, or one URL in two entries
        raise PluginError("sources shown to users that are copies, or repeated:\n" + "\n".join(problems))
    if _is_default_language_build(config) or not _bundle:
        try:
            _bundle["date"] = wizard_page.build_date()
            _bundle["data"], warnings = wizard_page.compile_bundle(_bundle["date"], config.use_directory_urls)
        except RuleError as error:
            raise PluginError("broken rule files:\n" + "\n".join(map(str, error.problems))) from None
        for warning in warnings:
            # Shown, but not a build failure: a policy ending soon is true data that needs a review.
            log.info("rules: %s", warning)


def on_env(env, config, files):
    env.globals["ui"] = ui_string
    env.globals.update(
        embed_csp=script_policy.EMBED_CSP,
        embed_height_message=embed.HEIGHT_MESSAGE,
        embed_height_step=embed.HEIGHT_STEP,
        embed_stylesheets=embed.material_stylesheets(),
        wizard_ui=lambda lang: _bundle["data"]["ui"][lang],
        wizard_asset=lambda name: f"{WIZARD_ASSETS}/{name}{service_worker.BUILD_QUERY}",
        wizard_texts=download_size.texts_file,  # the rules' words in a language, beside the bundle
        # Appended to the site's own assets' URLs; the build's id replaces it (service_worker.stamp_pages).
        build_query=service_worker.BUILD_QUERY,
        # A page of another language than the default reads its own language's search index.
        search_index=search_index.own_index,
    )
    return env


def on_page_markdown(markdown, page, config, files):
    try:
        page.meta.update(checked_meta(page.meta, page.file.src_uri, config.theme["language"]))
    except PageMetaError as error:
        raise PluginError(str(error)) from None
    problems = source_problems(page.meta["sources"], markdown, page.file.src_uri)
    if problems:
        raise PluginError("sources cited in the text but not listed, or copies:\n" + "\n".join(problems))
    if policy_ends.MARKER.search(markdown):  # a dated policy's end, from the rules, in the page's language
        try:
            markdown = policy_ends.render(markdown, _bundle["data"], config.theme["language"])
        except (KeyError, ValueError) as error:
            raise PluginError(f"{page.file.src_uri}: policy-end marker: {error}") from None
    if rule_blocks.LOOSE.search(markdown):  # country lists, counts, end dates, histories: from the rules
        try:
            lang = config.theme["language"]
            markdown = rule_blocks.render(markdown, _bundle["data"], lang, wizard_page.RULES, page.file.src_uri)
        except rule_blocks.BlockError as error:
            raise PluginError(str(error)) from None
    if coverage_page.MARKER.search(markdown):  # "What this guide covers": the coverage map, from the rules
        lang = config.theme["language"]
        try:  # guide pages are named by their titles in docs/<lang>/
            markdown = coverage_page.render(markdown, wizard_page.RULES, Path(config.docs_dir) / lang, lang)
        except (KeyError, ValueError, OSError) as error:
            raise PluginError(f"{page.file.src_uri}: coverage-map marker: {error}") from None
    if changelog.PLACEHOLDER in markdown:  # the "What changed" page: the changes, from the rules
        lang = config.theme["language"]
        markdown = markdown.replace(changelog.PLACEHOLDER, changelog.page_markdown(wizard_page.RULES, lang))
    return markdown


def on_page_content(html, page, config, files):
    try:
        return _with_build_time_html(html, page, config)
    except TemplateValueMissing as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def _with_build_time_html(html, page, config):
    """The page's markers replaced by the HTML the build makes: download block, snippet builder, wizard."""
    template, lang = page.meta.get("template"), config.theme["language"]
    site_root = "../" * page.url.count("/")
    if download_page.PLACEHOLDER in html:
        if offline_copy.is_offline_build(config):
            block = download_page.inside_copy_html(lang, _bundle["data"]["reviewed"])
        else:
            block = download_page.download_html(download_page.current_info(), lang, site_root)
        html = html.replace(download_page.PLACEHOLDER, block)
    if template == embed.BUILDER_TEMPLATE:
        try:
            # The offline copy's snippet would name a file on the reader's computer: it says so.
            offline_note = ui_string("embed_offline_note", lang) if offline_copy.is_offline_build(config) else None
            return embed.builder_page(html, _bundle["data"], lang, site_root, offline_note)
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    if template not in ("wizard.html", embed.TEMPLATE):
        return html
    if wizard_page.PLACEHOLDER not in html:
        raise PluginError(f"{page.file.src_uri}: the wizard page lacks the {wizard_page.PLACEHOLDER} marker")
    widget = wizard_page.widget_html(_bundle["data"], lang, _bundle["date"], site_root, config.use_directory_urls)
    if template == embed.TEMPLATE:
        widget += embed.notice_html(_bundle["data"]["ui"][lang], lang, site_root, config.use_directory_urls)
    return html.replace(wizard_page.PLACEHOLDER, widget)


def _with_policy(html, site_root, config, template=None):
    try:
        return inline_scripts.externalize(html, site_root, Path(config.site_dir), script_policy.page_csp(template))
    except inline_scripts.PageShapeChanged as error:
        raise PluginError(str(error)) from None


def on_post_page(output, page, config):
    try:
        output = a11y.name_search_dialog(output, ui_string("search_dialog", config.theme["language"]))
        output = a11y.name_section_navs(output)
        output = head_links.drop_language_links(output)
    except (a11y.MarkupChanged, head_links.HeadChanged) as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    return _with_policy(output, "../" * page.url.count("/"), config, page.meta.get("template"))


def on_template_context(context, template_name, config):
    if template_name != not_found.TEMPLATE:
        return context
    homes = not_found.home_links(config.use_directory_urls)
    # static-i18n sets the attribute on pages, mkdocs.yml's value is the mapping item; the theme reads either.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    config.extra.alternate = [{**entry, "link": homes.get(entry.get("lang"), entry["link"])} for entry in alternates]
    if offline_copy.is_offline_build(config):
        # Opened from file://, links from the server's root path would name the disk's root.
        base_url = not_found.root_from(config.theme["language"])
        context["base_url"] = base_url
        context["extra_css"] = [normalize_url(path, None, base_url) for path in config.extra_css]
        context["extra_javascript"] = [normalize_url(str(path), None, base_url) for path in config.extra_javascript]
    return context


def on_post_template(output_content, template_name, config):
    if template_name == not_found.TEMPLATE:
        # Served at any depth, the 404 page links from the site's root path (MkDocs sets base_url so);
        # the offline copy's, opened from its own folder, relative to it (on_template_context).
        root = urlsplit(config.site_url or "/").path or "/"
        if offline_copy.is_offline_build(config):
            root = not_found.root_from(config.theme["language"]) + "/"
        output_content = _with_policy(output_content, root if root.endswith("/") else root + "/", config)
        not_found.keep(config.theme["language"], output_content)
    return output_content


@event_priority(-200)  # after mkdocs-static-i18n has set this page's language switcher
def on_page_context(context, page, config, nav):
    # static-i18n sets the attribute (not the mapping item), and the theme reads the attribute.
    config.extra.alternate = site_relative_alternates(getattr(config.extra, "alternate", None))
    return context


def _is_outer_build(config) -> bool:
    """True in the default language's build, inside whose post_build mkdocs-static-i18n nests the others."""
    return not getattr(config.plugins.get("i18n"), "building", False)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built the other languages into the site
def on_post_build(config):
    if not _is_outer_build(config):
        return  # runtime, wizard assets and the service worker live once, at the site root
    not_found.write_all(Path(config.site_dir))  # before the service worker lists the files
    embed.write_host_script(Path(config.site_dir), _bundle["data"]["ui"], config.use_directory_urls)
    try:
        copy_runtime(Path(config.site_dir))
    except (RuntimeMissing, LockUpdateFailed) as error:
        raise PluginError(str(error)) from None
    search_index.write_per_language(Path(config.site_dir), offline_copy.is_offline_build(config))
    wizard_assets = wizard_page.write_assets(Path(config.site_dir), _bundle["data"])
    try:  # the total the wizard pages show while Python downloads is these files' sizes
        for lang in _bundle["data"]["ui"]:
            download_size.check_site(Path(config.site_dir), wizard_page.announced_downloads(_bundle["data"], lang))
    except download_size.SizeMismatch as error:
        raise PluginError(str(error)) from None
    if offline_copy.is_offline_build(config):
        service_worker.stamp_pages(Path(config.site_dir))  # no worker here, but no placeholder either
        offline_copy.write_offline_files(Path(config.site_dir), wizard_assets)
        return
    download_page.publish(Path(config.site_dir))
    hosting.write_hosting_configs(Path(config.site_dir))  # after the last file of the site is in place
    if _command.get("name") != "serve":
        service_worker.write_service_worker(Path(config.site_dir))
        precompress.write_precompressed(Path(config.site_dir))  # last: copies of the files as published
