"""Making the public site's stored answers stale when what the directory shows changes
(territory/answers.py): resources, their kinds and problems, owners' names, code lists."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from kooperacja.records.models import Code, Institution
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.territory.answers import inputs_changed

for _model in (Resource, ResourceKind, Institution, Code):
    post_save.connect(inputs_changed, sender=_model, dispatch_uid=f"answers_{_model.__name__}")
    post_delete.connect(inputs_changed, sender=_model,
                        dispatch_uid=f"answers_del_{_model.__name__}")
m2m_changed.connect(inputs_changed, sender=Resource.problems.through,
                    dispatch_uid="answers_resource_problems")
