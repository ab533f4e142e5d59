from bulkimport.sequences import IdAllocator, SequenceTable


def test_allocator_fetches_blocks_lazily():
    table = SequenceTable(start=1, latency=(0, 0))
    alloc = IdAllocator(table, block_size=3)
    assert [alloc.next_id() for _ in range(7)] == [1, 2, 3, 4, 5, 6, 7]
    assert table.round_trips == 3


def test_small_import_single_thread(allocator, store, customers_csv):
    from bulkimport.importer import ParallelImporter

    importer = ParallelImporter(allocator, store, threads=1)
    assert importer.run(customers_csv(5)) == 5
    assert sorted(store.rows) == [1000, 1001, 1002, 1003, 1004]


def test_parallel_import_of_a_full_batch(importer, store, table, customers_csv):
    imported = importer.run(customers_csv(70))
    assert importer.errors == []
    assert imported == 70
    assert len(set(store.rows)) == 70
    assert table.round_trips == 2
