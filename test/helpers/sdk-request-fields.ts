import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The top-level request fields an SDK's type declares (an interface in a `.d.ts` file), read
 * from its syntax tree. For tests: a field added to an API shows up here when the SDK is
 * updated, and the fate tables must then say what becomes of it. Parsing without a type checker
 * keeps this fast; an interface that extends another would hide fields from it, so it throws.
 */
export function sdkRequestFields(declarationFile: string, interfaceName: string): string[] {
  const source = ts.createSourceFile(
    declarationFile,
    readFileSync(declarationFile, 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const fields: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) {
      if (node.heritageClauses !== undefined) throw new Error(`${interfaceName} extends another type`);
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) fields.push(member.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (fields.length === 0) throw new Error(`no interface ${interfaceName} in ${declarationFile}`);
  return fields;
}
