# Stand-in for the two scipy.stats functions Google Benchmark's compare.py
# imports, used only where python3-scipy cannot be installed. It follows
# scipy 1.10's mannwhitneyu: method "auto" (exact unless both samples exceed 8
# or there are ties), two-sided, continuity and tie correction.
