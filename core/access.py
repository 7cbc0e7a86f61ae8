"""What an editor may do, read once per permission change instead of on
every admin request.

Every admin request asked the database the same eight questions about the
signed-in user: its own and its groups' permissions (Django's ModelBackend,
two queries), its group names (core.roles.group_names), the rows granting
it pages, collections and sites and the page its explorer starts at
(Wagtail's permission policies: the view's checks and the admin menu's) and
its admin profile (the admin's language and time zone). They change only when someone changes a group, a permission, a
user's groups or profile, or the pages and collections those rows point at,
so the answers are kept in the cache, per user, under a generation token
that every such change replaces (`forget_everyones_access`, connected in
`connect()`, at the change and again at commit). A request reads the token
and the user's entry (two cache reads); the answers then serve that request.

Kept only where every server process shares the cache
(settings.CACHE_SHARED_BY_ALL_PROCESSES): a process with a cache of its own
would not see another process's change. Never for superusers, inactive or
anonymous users (Django and Wagtail decide those without asking), never
across users (the entry's key holds the user's id). What is kept:
permission codenames, group names, the rows that grant them and the staff
member's own admin preferences (no registrant, subscriber or applicant data).
"""

from dataclasses import dataclass
from uuid import uuid4

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, GroupSitePermission
from wagtail.permission_policies.collections import CollectionPermissionLookupMixin
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.signals import post_page_move
from wagtail.users.models import UserProfile

GENERATION_KEY = "access:generation"
# An entry is read again after this long at most: Wagtail's group form adds
# page and collection grants with bulk_create, which sends no signal (every
# removal does), so a grant is seen at the group's next change or by then.
ENTRY_SECONDS = 10 * 60


@dataclass(frozen=True)
class Access:
    permissions: frozenset  # "app_label.codename", the user's own and its groups' (ModelBackend)
    group_names: frozenset
    # Wagtail's policy rows, as each policy's get_all_permissions_for_user reads them.
    page_permissions: tuple
    collection_permissions: tuple
    site_permissions: tuple
    profile: object  # wagtail.users.models.UserProfile, or None when the user has none yet
    # The page the admin's explorer starts at (the common ancestor of the granted
    # pages), or None: what decides is its tree path, which only a move changes.
    explorable_root: object


def read_access(user):
    """The user's Access from the database (eight queries)."""
    from core.models.site_settings import SiteSettings  # a model: not importable before apps are ready

    image_policy = policy_registry.get_by_type(get_image_model())
    page_policy = PagePermissionPolicy()
    page_permissions = tuple(page_policy.get_all_permissions_for_user(user))
    # Wagtail finds the explorable root from the user's rows, kept on the user.
    setattr(user, page_policy.permission_cache_name, page_permissions)
    return Access(
        permissions=frozenset(ModelBackend().get_user_permissions(user) | ModelBackend().get_group_permissions(user)),
        group_names=frozenset(user.groups.values_list("name", flat=True)),
        page_permissions=page_permissions,
        collection_permissions=tuple(image_policy.get_all_permissions_for_user(user)),
        site_permissions=tuple(SiteSettings.get_permission_policy().get_all_permissions_for_user(user)),
        profile=UserProfile.objects.filter(user=user).first(),
        explorable_root=page_policy.explorable_root_instance(user),
    )


def _generation():
    """The current generation token, a new one when there is none; None when
    the cache cannot keep one (then nothing is kept)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid4().hex, None)
        token = cache.get(GENERATION_KEY)
    return token


def access_of(user):
    """The user's Access, read once per request (kept on the user object,
    which lives for one request) and from the cache when it is shared; None
    for a user whose access Django and Wagtail decide without asking. Also
    hands Wagtail's policies their rows and the explorable root, where they
    keep them per request,
    and the user its profile (`user.wagtail_userprofile`)."""
    if not (user.is_authenticated and user.is_active) or user.is_superuser:
        return None
    if "_access" not in user.__dict__:
        token = _generation() if settings.CACHE_SHARED_BY_ALL_PROCESSES else None
        key = f"access:{token}:{user.pk}"
        access = cache.get(key) if token else None
        if access is None:
            access = read_access(user)
            if token:
                cache.set(key, access, ENTRY_SECONDS)
        user._access = access
        for policy, rows in (
            (PagePermissionPolicy, access.page_permissions),
            (CollectionPermissionLookupMixin, access.collection_permissions),
            (SitePermissionPolicy, access.site_permissions),
        ):
            if not hasattr(user, policy.permission_cache_name):
                setattr(user, policy.permission_cache_name, rows)
        if not hasattr(user, PagePermissionPolicy._explorable_root_instance_cache_name):
            setattr(user, PagePermissionPolicy._explorable_root_instance_cache_name, access.explorable_root)
        # None when there is none, as the database would answer (the accessor raises DoesNotExist).
        profile_of_user = get_user_model().wagtail_userprofile.related
        if not profile_of_user.is_cached(user):
            profile_of_user.set_cached_value(user, access.profile)
    return user._access


class CachedPermissionsBackend(ModelBackend):
    """ModelBackend, answering a user's permissions from `access_of`."""

    def get_all_permissions(self, user_obj, obj=None):
        access = access_of(user_obj) if obj is None else None
        if access is None:
            return super().get_all_permissions(user_obj, obj)
        return access.permissions


def forget_everyones_access(**kwargs):
    """A new generation: every kept Access is read again, now and once the
    change is committed (a request between the two may have read the old rows)."""
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def connect():
    """What changes an Access: groups and permissions, a user's groups, own
    permissions and profile, a group's permissions, the rows granting pages,
    collections and sites, a user deleted, a migration, and the tree paths
    those rows carry (a page or collection moved: a page's move has its own
    signal; a collection is saved before it is moved, in one transaction, so
    the commit catches the move)."""
    User = get_user_model()
    for model in (
        Group,
        Permission,
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
        Collection,
        UserProfile,
    ):
        post_save.connect(forget_everyones_access, sender=model, dispatch_uid=f"access-save-{model.__name__}")
        post_delete.connect(forget_everyones_access, sender=model, dispatch_uid=f"access-delete-{model.__name__}")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(forget_everyones_access, sender=through, dispatch_uid=f"access-m2m-{through.__name__}")
    post_delete.connect(forget_everyones_access, sender=User, dispatch_uid="access-delete-user")
    post_page_move.connect(forget_everyones_access, dispatch_uid="access-page-move")
    # Data migrations change groups through historical models, which send no signals.
    post_migrate.connect(forget_everyones_access, dispatch_uid="access-migrate")
