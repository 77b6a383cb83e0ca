// A tiny Federation 2 subgraph server for the mock student registry (schema.graphql beside it),
// on Apollo Server's standalone HTTP server. It answers students and hands the gateway's Person
// back as a reference whose key carries the purpose the caller gave.
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode } from 'graphql';
import type { StudentRecord } from './data';

export const STUDENT_REGISTRY_SDL: DocumentNode = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

interface PurposeArg {
  applicationId: string;
  countyCode: string;
}

/** A student as the registry answers it: the record and the purpose its person is read for. */
interface StudentParent extends StudentRecord {
  purpose: PurposeArg;
}

export function studentRegistrySchema(students: readonly StudentRecord[]) {
  const byNumber = new Map(students.map((s) => [s.studentNumber, s]));
  return buildSubgraphSchema({
    typeDefs: STUDENT_REGISTRY_SDL,
    resolvers: {
      Query: {
        student: (_root: unknown, args: { studentNumber: string; purpose: PurposeArg }): StudentParent | null => {
          const s = byNumber.get(args.studentNumber);
          return s ? { ...s, purpose: args.purpose } : null;
        },
        classRoster: (_root: unknown, args: { schoolCode: string; className: string; purpose: PurposeArg }): StudentParent[] =>
          students
            .filter((s) => s.schoolCode === args.schoolCode && s.className === args.className)
            .map((s) => ({ ...s, purpose: args.purpose })),
      },
      Student: {
        // the reference to the gateway's Person: its key, the purpose included
        person: (s: StudentParent) => ({ __typename: 'Person', idNumber: s.idNumber, purpose: s.purpose }),
      },
    },
  });
}

export interface StudentRegistryServer {
  url: string;
  stop(): Promise<void>;
}

export async function startStudentRegistry(students: readonly StudentRecord[], port = 0): Promise<StudentRegistryServer> {
  const server = new ApolloServer({ schema: studentRegistrySchema(students) });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
