"""ID numbers and phone numbers encrypted at rest (issue 20, item 6): a digest column
beside each for exact lookups; existing rows are encrypted (backward: decrypted)."""

import fazhi.core.cryptofield
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0003_split_extensions_minutes"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="caller_phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="caller_phone"),
        ),
        migrations.AlterField(
            model_name="order",
            name="caller_phone",
            field=fazhi.core.cryptofield.EncryptedCharField(max_length=20, verbose_name="联系电话"),
        ),
        fazhi.core.cryptofield.encrypt_existing({"hotline.Order": ["caller_phone"]}),
    ]
