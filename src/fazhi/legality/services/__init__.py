"""Every write of the legality domain, one function per use case: the role check first
(``require_role``, the data scopes as reads apply them), the business dates, one
transaction, the status through the kernel's ``transition()`` and the ledger event.

- ``normative`` — a normative document from draft to repeal, 三统一 and filing;
- ``consultation`` — public consultation article by article (documents and decisions);
- ``reviews`` — legality review of documents, contracts and decisions; legal involvement;
- ``decisions`` — the decision catalogue and each major decision's statutory steps;
- ``oversight`` — cleanups and the filing review of lower bodies' documents;
- ``advisers`` — legal advisers and their engagements.
"""
