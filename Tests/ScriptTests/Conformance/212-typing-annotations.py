from typing import List, Dict, Optional, Tuple
def f(xs: List[int], d: Optional[Dict[str, int]] = None) -> Tuple[int, int]:
    return len(xs), len(d or {})
print(f([1, 2]))
