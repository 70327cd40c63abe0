"""The UI toolkit shared by the workspace shell and the domains' own pages: styled forms,
Excel export, key-set pagination. It imports no domain and no view."""
