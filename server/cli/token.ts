// `npm run token -- create "Nom Prénom"` prints a new access token once (only its hash is kept);
// `npm run token -- list` lists who holds one. The database is TNE13_DB, or data/tne13.sqlite.
import { resolve } from 'node:path';
import { DEFAULT_DB_PATH, openStore } from '../src/store/open-store';
import { createToken } from '../src/tokens';

const USAGE = [
  'Usage :',
  '  npm run token -- create "Nom Prénom"   crée un jeton et l’affiche une seule fois',
  '  npm run token -- list                  liste les titulaires de jetons',
].join('\n');

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'create' && command !== 'list') {
    console.error(USAGE);
    return 2;
  }
  const dbPath = process.env.TNE13_DB ?? DEFAULT_DB_PATH;
  const store = await openStore(dbPath);
  try {
    if (command === 'create') {
      const token = await createToken(store, rest.join(' '));
      console.log(`Jeton créé pour « ${rest.join(' ').trim()} » (base ${resolve(dbPath)}).`);
      console.log('Il ne sera plus jamais affiché : transmettez-le à son titulaire.');
      console.log(token);
    } else {
      const owners = await store.tokens.list();
      if (owners.length === 0) console.log('Aucun jeton.');
      for (const { owner, createdAt } of owners) console.log(`${createdAt}  ${owner}`);
    }
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
