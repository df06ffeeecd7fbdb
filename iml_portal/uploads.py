"""Uploaded files live as long as a record points to them: a file replaced or cleared in a
record, or whose record is deleted, is deleted from storage once the change is committed
(if no other record points to it), so it stops being served from /media/. `manage.py
orphan_uploads` finds any file no record points to (e.g. left by an earlier release)."""

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save


def file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def models_with_files():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in settings.CONTENT_APPS and file_fields(model)
    ]


def referenced_names():
    """Every stored name some record points to, by storage."""
    names = set()
    for model in models_with_files():
        for field in file_fields(model):
            names.update(
                model._base_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .values_list(field.name, flat=True)
            )
    return names


def delete_if_unreferenced(storage, name):
    if name and name not in referenced_names():
        storage.delete(name)


def _remember_files(sender, instance, raw=False, **kwargs):
    """Before a save: the names the record pointed to."""
    if raw or instance.pk is None:
        return
    fields = file_fields(sender)
    instance._stored_files = (
        sender._base_manager.filter(pk=instance.pk).values(*(f.attname for f in fields)).first()
        or {}
    )


def _delete_replaced_files(sender, instance, raw=False, **kwargs):
    stored = getattr(instance, "_stored_files", {})
    for field in file_fields(sender):
        old = stored.get(field.attname)
        if old and old != getattr(instance, field.attname).name:
            _delete_on_commit(field.storage, old)
    instance._stored_files = {}


def _delete_files_of_deleted(sender, instance, **kwargs):
    for field in file_fields(sender):
        _delete_on_commit(field.storage, getattr(instance, field.attname).name)


def _delete_on_commit(storage, name):
    if name:
        transaction.on_commit(lambda: delete_if_unreferenced(storage, name))


def connect():
    for model in models_with_files():
        uid = f"uploads-{model._meta.label}"
        pre_save.connect(_remember_files, sender=model, dispatch_uid=uid)
        post_save.connect(_delete_replaced_files, sender=model, dispatch_uid=uid)
        post_delete.connect(_delete_files_of_deleted, sender=model, dispatch_uid=uid)
