// SQLite's `integer` is 8 bytes, PostgreSQL's 4: money in minor units (an order may come to 10^10 fen), counts and
// ids that fit on SQLite would overflow there. Applied to the migrations on PostgreSQL (database.ts), this plugin
// makes every `integer` column the migrations declare a `bigint`, so one schema holds the same values on both;
// db/postgres.ts parses int8 back to JS numbers.
import {
  type ColumnDefinitionNode, DataTypeNode, OperationNodeTransformer, type KyselyPlugin, type PluginTransformQueryArgs,
  type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow,
} from 'kysely'

class WideIntegerColumns extends OperationNodeTransformer {
  protected override transformColumnDefinition (node: ColumnDefinitionNode): ColumnDefinitionNode {
    const transformed = super.transformColumnDefinition(node)
    if (DataTypeNode.is(transformed.dataType) && transformed.dataType.dataType === 'integer') {
      return Object.freeze({ ...transformed, dataType: DataTypeNode.create('bigint') })
    }
    return transformed
  }
}

export class WideIntegersPlugin implements KyselyPlugin {
  readonly #transformer = new WideIntegerColumns()

  transformQuery (args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node)
  }

  async transformResult (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}
