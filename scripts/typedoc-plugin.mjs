// @ts-check
/**
 * TypeDoc plugin for bansos's API reference (loaded by typedoc.json). It closes two
 * gaps between TypeScript and TypeDoc's `validation.notDocumented` check, which asks
 * for a comment on every exported symbol and every property:
 *
 * 1. TypeScript synthesises properties that have no declaration in the source and
 *    so cannot carry a comment: the keys of mapped types
 *    (`{ readonly [S in Segment]: SegmentOutcomes }` gives `all`, `poor`, `nonPoor`)
 *    and the keys of the objects inside zod's enum types (`z.enum(["honour", "withhold"])`).
 *    The property they belong to documents them. The plugin exempts exactly these
 *    synthesised, comment-less properties from the check (it adds them to
 *    `intentionallyNotDocumented` before validation).
 * 2. A zod object may declare a field with a getter (`get rules() { … }`, zod's idiom
 *    for recursive schemas); TypeDoc does not read the getter's comment for the
 *    property of the inferred type, so the plugin copies it.
 *
 * Everything declared in the source is still required to be documented.
 */
import { Comment, Converter, ReflectionKind } from "typedoc";
import ts from "typescript";

/** @param {import("typedoc").Application} app */
export function load(app) {
  /** @type {Set<import("typedoc").Reflection>} */
  const synthesised = new Set();

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    if (!symbol) return;
    const declarations = symbol.declarations ?? [];
    if (declarations.length === 0) {
      synthesised.add(reflection);
    } else if (!reflection.hasComment() && declarations.every((d) => ts.isGetAccessorDeclaration(d))) {
      const text = ts.displayPartsToString(symbol.getDocumentationComment(context.checker)).trim();
      if (text) reflection.comment = new Comment([{ kind: "text", text }]);
    }
  });

  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const names = [...synthesised].filter((r) => context.project.getReflectionById(r.id) === r && !r.hasComment()).map((r) => r.getFriendlyFullName());
    const already = app.options.getValue("intentionallyNotDocumented");
    app.options.setValue("intentionallyNotDocumented", [...new Set([...already, ...names])]);
    synthesised.clear();
  });
}
