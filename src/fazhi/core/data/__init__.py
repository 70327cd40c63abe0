"""Data shipped with the kernel (time-limit registry, division codes…)."""
