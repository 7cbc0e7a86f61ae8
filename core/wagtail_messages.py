"""Wagtail admin messages that Wagtail's own Simplified Chinese catalogue
lacks (wagtail/admin/locale/zh_Hans has about two thirds of its messages):
without a translation Django falls back to the English msgid, which is why an
editor in a Chinese admin saw "The page could not be created due to
validation errors". These are the ones met while writing, submitting,
reviewing and scheduling a page; their Chinese is in the site-wide catalogue
(locale/zh_Hans/LC_MESSAGES/django.po), which Django consults before
Wagtail's. Listed here so that `make messages` keeps them in that catalogue;
tests/foundation/test_admin_language.py checks each is still a Wagtail message
and is translated.

Also overridden (not missing but misleading): "Pages", the main menu's entry,
which read 分页 ("pagination") because the events app's catalogue translated
its pagination label under the same msgid (that label now has a context).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_MESSAGES = (
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("Go to the first error"),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page at '%(parent_url_path)s'."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("Request to create %(model_name)s was blocked by hook."),
    gettext_noop("Request to edit %(model_name)s was blocked by hook."),
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    gettext_noop("This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow."),
    gettext_noop("Only reviewers for this task can edit the %(model_name)s."),
    gettext_noop("Locked by workflow"),
    gettext_noop("Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"),
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
    gettext_noop("%(status_display)s %(task_name)s %(started_at)s"),
    gettext_noop("Changes requested %(finished_at)s"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Your pages and snippets in a workflow"),
    gettext_noop("Privacy and access"),
    gettext_noop("Choose who can view the live version of this page"),
    gettext_noop("Choose when this page should go live and/or expire"),
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    gettext_noop("Schedule to publish"),
    gettext_noop("Scheduling…"),
    gettext_noop("Go-live:"),
    gettext_noop("Once scheduled:"),
    gettext_noop("Invalid schedule"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop(
        "Preview cannot display due to validation errors. <br /> Click save to highlight the relevant fields."
    ),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Locking: "),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Save your changes before leaving"),
    gettext_noop("Content metrics"),
    gettext_noop("Words"),
    gettext_noop("Reading time"),
    gettext_noop("Readability"),
    gettext_noop("Checks"),
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop("You can preview the %(model_name)s here:"),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    gettext_noop("Resubmitted '%(task)s'. Workflow resumed"),
    gettext_noop("Page type"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Search all pages…"),
    gettext_noop("Create a new %(model_name)s"),
    gettext_noop("Choose parent"),
    gettext_noop("Pages"),
)

# The dashboard's counters ("16 Pages", "0 Images", "0 Documents"): plural
# messages, so lazily translated here only to be extracted and tested.
WAGTAIL_PLURAL_MESSAGES = (
    ngettext_lazy(
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    ngettext_lazy(
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
    ngettext_lazy(
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
    ),
)
