// The converter instances (`C<n>`), one per distinct converter and arguments in the table, and
// the custom converters' instances (`CX<n>`) they wrap.
import type { RouteTable } from "../analyse.js";
import type { ConverterSpec } from "../converters.js";

export function converterInstances(table: RouteTable): string[] {
  const lines = ["// Converter instances, shared by rules with the same converter and arguments."];
  table.converters.forEach((spec, i) => {
    if (spec.kind === "custom") lines.push(`const CX${i} = ${customInstance(spec)};`);
    lines.push(`const C${i} = ${converterInstance(spec, i)};`);
  });
  return lines;
}

function converterInstance(spec: ConverterSpec, i: number): string {
  const p = spec.params;
  switch (spec.kind) {
    case "string":
      return "rt.stringConverter()";
    case "path":
      return "rt.pathConverter()";
    case "uuid":
      return "rt.uuidConverter()";
    case "any":
      return `rt.anyConverter(${JSON.stringify(p.items)})`;
    case "int":
      return `rt.intConverter(${p.fixedDigits ?? 0}, ${p.min ?? null}, ${p.max ?? null})`;
    case "float":
      return `rt.floatConverter(${p.min ?? null}, ${p.max ?? null})`;
    case "custom":
      return `rt.customConverter(CX${i})`;
  }
}

function customInstance(spec: ConverterSpec): string {
  const custom = spec.custom!;
  const local = `custom_${custom.ref.name}`;
  if (!custom.ref.isFactory) return local;
  const args = custom.args.map((a) => JSON.stringify(a));
  const kwargs = Object.keys(custom.kwargs).length ? [JSON.stringify(custom.kwargs)] : [];
  return `${local}(${[...args, ...kwargs].join(", ")})`;
}
