// Reads the fenced code blocks of the Markdown docs, with the context each block declares in HTML
// comments on the lines right above its fence:
//   <!-- file: app.ts -->                 the block is that file of the page's project (a page's
//                                         `routes.ts` is compiled to `routes.gen.ts` beside it)
//   <!-- given: request: wz.Request -->   names the prose assumes, declared before the block
//                                         (`wz` is the package's namespace)
//   <!-- skip: why -->                    not checked (say why: e.g. emitted code shown as an excerpt)
import fs from "node:fs";
import path from "node:path";

export interface DocBlock {
  /** The Markdown file, relative to the repository. */
  doc: string;
  /** 1-based line of the block's first code line in the Markdown file. */
  line: number;
  /** The fence's language: "ts", "json", "sh", ... */
  lang: string;
  code: string;
  file?: string;
  given?: string;
  skip?: string;
}

const directive = /^<!--\s*(file|given|skip):\s*(.*?)\s*-->$/;

export function docBlocks(repoRoot: string, docs: readonly string[]): DocBlock[] {
  const blocks: DocBlock[] = [];
  for (const doc of docs) {
    const lines = fs.readFileSync(path.join(repoRoot, doc), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const fence = /^(`{3,})(\S*)/.exec(lines[i]!);
      if (!fence) continue;
      const end = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]!) && l.trim() === fence[1]);
      if (end === -1) throw new Error(`${doc}:${i + 1}: code block never closed`);
      const block: DocBlock = { doc, line: i + 2, lang: fence[2]!, code: lines.slice(i + 1, end).join("\n") };
      for (let j = i - 1; j >= 0; j--) {
        const m = directive.exec(lines[j]!.trim());
        if (!m) break;
        block[m[1] as "file" | "given" | "skip"] = m[2]!;
      }
      blocks.push(block);
      i = end;
    }
  }
  return blocks;
}

/** The Markdown files whose blocks are checked: README.md and docs/*.md. */
export function markdownFiles(repoRoot: string): string[] {
  const docs = fs
    .readdirSync(path.join(repoRoot, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort();
  return ["README.md", ...docs.map((f) => `docs/${f}`)];
}
