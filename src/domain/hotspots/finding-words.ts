// The words findings share in their zh-CN reasons: a category's name (or its code when the caller gave
// no names), an area's name (未注明区域 for orders naming none).

export function categoryWords(code: string | null, names: Readonly<Record<string, string>> | undefined): string {
  if (code === null || code === '') return '未分类';
  return names?.[code] ?? code;
}

export function areaWords(area: string | null): string {
  return area === null || area === '' ? '未注明区域' : area;
}
