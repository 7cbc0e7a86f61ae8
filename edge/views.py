from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A refused form, explained in the site's own page (Django's default page
    has an inline style the Content-Security-Policy blocks, and no way back).
    The reason stays out of the page: it only helps an attacker."""
    return render(request, "edge/csrf_failure.html", status=403)
