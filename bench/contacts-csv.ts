// The generated trade-show CSV of bench:import and bench:responsive (7 columns, 5,000 companies, mixed countries).
import { createWriteStream } from "node:fs";

export async function writeContactsCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const countries = ["中国", "Germany", "US", "Brasil", "FR", "日本"];
  out.write("Email,First name,Last name,Company,Country,Phone,Title\n");
  for (let i = 0; i < rows; i++) {
    const line = `buyer${i}@company${i % 5000}.example,First${i},Last${i},"Company ${i % 5000}, Ltd",${countries[i % countries.length]},+1 555 ${String(i).padStart(7, "0")},Purchasing\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}
